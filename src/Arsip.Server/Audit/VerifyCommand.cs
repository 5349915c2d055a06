using Arsip.Infrastructure;
using JasperFx.CommandLine;
using Marten;

namespace Arsip.Audit;

public sealed class VerifyInput : NetCoreInput
{
    [Description("The agency (tenant) whose streams to verify, e.g. kota-bekasi")]
    public string AgencyFlag { get; set; } = "";

    [Description("One letter (stream id) to verify; all of the agency's streams when omitted")]
    public string? LetterFlag { get; set; }
}

/// <summary><c>verify --agency kota-bekasi [--letter id]</c>: recomputes hash chains and reports the first broken link of each.</summary>
[Description("Verify the hash chains of an agency's event streams (or one letter) and report the first broken link", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public override async Task<bool> Execute(VerifyInput input)
    {
        if (string.IsNullOrWhiteSpace(input.AgencyFlag) || (input.LetterFlag is not null && !Guid.TryParse(input.LetterFlag, out _)))
        {
            Console.Error.WriteLine("Usage: verify --agency <agency> [--letter <letter id>]");
            return false;
        }
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<ChainVerification> results = input.LetterFlag is { } letter
                ? [await ChainVerifier.VerifyAsync(store, input.AgencyFlag, Guid.Parse(letter), CancellationToken.None)]
                : await ChainVerifier.VerifyAllAsync(store, input.AgencyFlag, CancellationToken.None);
            foreach (var broken in results.Where(r => !r.Intact))
                Console.WriteLine($"RUSAK {broken.StreamId} versi {broken.FirstBroken!.Version}: {broken.FirstBroken.Reason}");
            var events = results.Sum(r => r.Events);
            var brokenCount = results.Count(r => !r.Intact);
            Console.WriteLine($"{results.Count} aliran, {events} peristiwa diperiksa dalam {started.Elapsed.TotalSeconds:0.0} detik; {brokenCount} rusak " +
                              $"({results.Count} streams, {events} events in {started.Elapsed.TotalSeconds:0.0} s; {brokenCount} broken).");
            return brokenCount == 0;
        }
        finally
        {
            await host.Services.GetRequiredService<ArsipDatabase>().DisposeAsync();
        }
    }
}

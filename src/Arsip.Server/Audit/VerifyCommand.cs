using Arsip.Infrastructure;
using JasperFx.CommandLine;

namespace Arsip.Audit;

public sealed class VerifyInput : NetCoreInput
{
    [Description("The agency (tenant) whose streams to verify, e.g. kota-bekasi")]
    public string AgencyFlag { get; set; } = "";

    [Description("One letter (stream id) to verify; all of the agency's streams when omitted")]
    public string? LetterFlag { get; set; }
}

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
        var signer = host.Services.GetRequiredService<AnchorSigner>();
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var anchorProblems = new List<string>();
            IReadOnlyList<ChainVerification> results;
            if (input.LetterFlag is { } letter)
                results = [await ChainVerifier.VerifyAsync(store, input.AgencyFlag, Guid.Parse(letter), signer, CancellationToken.None)];
            else
            {
                var (problems, heads) = await Anchors.VerifyChainAsync(store, input.AgencyFlag, signer, CancellationToken.None);
                anchorProblems.AddRange(problems);
                results = await ChainVerifier.VerifyAllAsync(store, input.AgencyFlag, heads, CancellationToken.None);
                var present = results.Select(r => r.StreamId).ToHashSet();
                anchorProblems.AddRange(heads.Keys.Where(id => !present.Contains(id))
                    .Select(id => $"RUSAK {id}: seluruh aliran hilang, padahal dijangkarkan sampai versi {heads[id].Version} (the whole stream is gone though anchored)."));
                Console.WriteLine(heads.Count == 0
                    ? "Belum ada jangkar untuk instansi ini: hanya rantai hash yang diperiksa (no anchor yet: hash chains only)."
                    : $"Jangkar memuat {heads.Count} aliran (anchors hold {heads.Count} streams).");
            }
            foreach (var r in results)
            {
                if (!r.Intact)
                    Console.WriteLine(r.FirstBroken is { } broken
                        ? $"RUSAK {r.StreamId} versi {broken.Version}: {broken.Reason}"
                        : $"RUSAK {r.StreamId}: jangkar {r.Anchor?.AnchorId} tidak dapat dipercaya (its anchor cannot be trusted: signature {(r.Anchor?.SignatureValid == true ? "valid" : "invalid")}, {(r.Anchor?.Published == true ? "published" : "not published")}).");
                else if (input.LetterFlag is not null)
                    Console.WriteLine(r.Anchor is { } a
                        ? $"UTUH {r.StreamId}: dijangkarkan {a.AnchoredAt:O} sampai versi {a.Version}, {a.EventsSince} peristiwa sesudahnya juga utuh (anchored up to version {a.Version}; everything since verifies)."
                        : $"UTUH {r.StreamId}: belum dijangkarkan (not anchored yet; the chain verifies).");
            }
            foreach (var problem in anchorProblems) Console.WriteLine(problem);
            var events = results.Sum(r => r.Events);
            var brokenCount = results.Count(r => !r.Intact) + anchorProblems.Count;
            Console.WriteLine($"{results.Count} aliran, {events} peristiwa diperiksa dalam {started.Elapsed.TotalSeconds:0.0} detik; {brokenCount} masalah " +
                              $"({results.Count} streams, {events} events in {started.Elapsed.TotalSeconds:0.0} s; {brokenCount} problems).");
            return brokenCount == 0;
        }
        finally
        {
            await host.Services.GetRequiredService<ArsipDatabase>().DisposeAsync();
        }
    }
}

using Arsip.Infrastructure;
using JasperFx.CommandLine;
using Marten;
using Npgsql;

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
            var streams = input.LetterFlag is { } letter ? [Guid.Parse(letter)] : await StreamsAsync(store, input.AgencyFlag);
            var broken = 0;
            long events = 0;
            foreach (var stream in streams)
            {
                var result = await ChainVerifier.VerifyAsync(store, input.AgencyFlag, stream, CancellationToken.None);
                events += result.Events;
                if (result.Intact) continue;
                broken++;
                Console.WriteLine($"RUSAK {stream} versi {result.FirstBroken!.Version}: {result.FirstBroken.Reason}");
            }
            Console.WriteLine($"{streams.Count} aliran, {events} peristiwa diperiksa; {broken} rusak ({streams.Count} streams, {events} events; {broken} broken).");
            return broken == 0;
        }
        finally
        {
            await host.Services.GetRequiredService<ArsipDatabase>().DisposeAsync();
        }
    }

    private static async Task<List<Guid>> StreamsAsync(IDocumentStore store, string agency)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where tenant_id = $1 order by id", connection)
        {
            Parameters = { new() { Value = agency } },
        };
        var streams = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) streams.Add(reader.GetGuid(0));
        return streams;
    }
}

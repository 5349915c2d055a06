using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Correspondence;
using Marten;

namespace Arsip.Samples;

/// <summary>
/// Loads the demo data from <c>samples/</c> when <c>Arsip:SampleData</c> names that folder.
/// Idempotent: a letter already registered (same sender, number and date) is skipped.
/// </summary>
public sealed class SampleDataLoader(
    IConfiguration configuration, IDocumentStore store, TimeProvider clock, ILogger<SampleDataLoader> logger) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task StartAsync(CancellationToken ct)
    {
        var folder = configuration["Arsip:SampleData"];
        if (string.IsNullOrWhiteSpace(folder)) return;
        var file = Path.Combine(folder, "incoming-letters.json");
        if (!File.Exists(file))
        {
            logger.LogWarning("Sample data {File} not found; nothing loaded", file);
            return;
        }

        var letters = JsonSerializer.Deserialize<SampleIncomingLetter[]>(await File.ReadAllTextAsync(file, ct), Json) ?? [];
        var registrar = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "sampel")], "sample"));
        var loaded = 0;
        foreach (var letter in letters)
        {
            await using var session = store.LightweightSession(letter.Agency);
            var key = IncomingLetterFingerprint.For(letter.Letter.Sender!, letter.Letter.SenderLetterNumber!, letter.Letter.LetterDate!.Value);
            if (await session.LoadAsync<IncomingLetterFingerprint>(key, ct) is not null) continue;
            await RegisterIncomingLetterEndpoint.Post(letter.Letter, session, clock, registrar, ct);
            await session.SaveChangesAsync(ct);
            loaded++;
        }
        logger.LogInformation("Sample data: {Loaded} of {Total} incoming letters registered", loaded, letters.Length);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private sealed record SampleIncomingLetter(string Agency, RegisterIncomingLetter Letter);
}

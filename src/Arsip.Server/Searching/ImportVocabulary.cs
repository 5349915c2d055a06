using System.Security.Claims;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Search;

namespace Arsip.Searching;

public sealed record VocabularyImportResponse(int Version, bool Changed, int Entries, IReadOnlyList<VocabularyLineError> Warnings);

public sealed record ImportVocabularyCommand(byte[] Content, string? SourceName, string ImportedBy)
{
    public Guid StreamId => VocabularyStreams.Stream;
}

public static class ImportVocabularyHandler
{
    /// <summary>Malformed text: 400 with the lines; an entry the rules refuse (empty side, cycle, a common word as acronym): 422 with the lines; the same entries: no new version.</summary>
    public static Decision Decide(ImportVocabularyCommand command, VocabularyView? current, ParsedVocabulary parsed, DateTimeOffset now)
    {
        if (!parsed.IsValid) return Decision.Refuse(Invalid(StatusCodes.Status400BadRequest, "Berkas singkatan tidak valid (invalid acronym file)", parsed.Errors));
        var refused = VocabularyFile.Check(parsed).Where(p => !p.Warning).ToList();
        if (refused.Count > 0) return Decision.Refuse(Invalid(StatusCodes.Status422UnprocessableEntity, "Entri singkatan ditolak (entries refused)", refused));
        if (parsed.Entries.Count == 0)
            return Decision.Refuse(Invalid(StatusCodes.Status400BadRequest, "Berkas singkatan tidak valid (invalid acronym file)",
                [new VocabularyLineError(2, "file", "Tidak ada entri di bawah kepala kolom (no entries below the header).")]));
        if (current is not null && current.Entries.SequenceEqual(parsed.Entries)) return Decision.Accept();
        return Decision.Accept(new VocabularyListImported((current?.Version ?? 0) + 1, parsed.Entries, command.SourceName, command.ImportedBy, now));
    }

    public static Outcome<VocabularyImportResponse> Handle(ImportVocabularyCommand command,
        [WriteAggregate(nameof(ImportVocabularyCommand.StreamId), Required = false)] IEventStream<VocabularyView> stream, ArsipClock clock)
    {
        var parsed = VocabularyFile.Parse(command.Content);
        var decision = Decide(command, stream.Aggregate, parsed, clock.GetUtcNow()).AppendTo(stream);
        var warnings = parsed.IsValid ? VocabularyFile.Check(parsed).Where(p => p.Warning).ToList() : [];
        return new(decision, decision.Events is [VocabularyListImported e]
            ? new VocabularyImportResponse(e.Version, true, e.Entries.Count, warnings)
            : new VocabularyImportResponse(stream.Aggregate?.Version ?? 0, false, stream.Aggregate?.Entries.Count ?? 0, warnings));
    }

    [WolverinePost("/api/search/vocabulary")]
    [Tags("Pencarian")]
    [EndpointSummary("Upload a new version of the agency's own acronym and synonym list (CSV: akronim, kepanjangan, sumber); searches use it at once, no index rebuild")]
    [EndpointDescription("Body: multipart/form-data with a 'file' part, or the CSV itself as text/csv. Malformed CSV answers 400 and an entry " +
                         "with an empty side, a cycle or a common word as acronym answers 422, each with its line in 'errors'; nothing is saved then.")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<VocabularyImportResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<VocabularyImportResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public static async Task<IResult> Post(HttpRequest request, [NotBody] Caller caller, ClaimsPrincipal user, IMessageBus bus, SearchVocabulary vocabulary,
        CancellationToken ct)
    {
        var (outcome, problem) = await UploadAsync(request, caller, user, bus, vocabulary, ct);
        if (problem is not null) return Results.Problem(problem);
        var response = outcome!.Value!;
        return outcome.Decision.ToResult(() => response.Changed
            ? Results.Created("/api/search/vocabulary", response)
            : Results.Ok(response));
    }

    /// <summary>The endpoint's and the page's upload: read the file, import it, forget the cached set on success.</summary>
    public static async Task<(Outcome<VocabularyImportResponse>?, ProblemDetails?)> UploadAsync(HttpRequest request, Caller caller, ClaimsPrincipal user,
        IMessageBus bus, SearchVocabulary vocabulary, CancellationToken ct)
    {
        string? fileName = null;
        Stream body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null) return (null, Problems.BadRequest("file", "Unggah berkas di bagian 'file' (upload the file in a 'file' part)."));
            (fileName, body) = (Path.GetFileName(file.FileName), file.OpenReadStream());
            if (fileName.Length > 200) fileName = fileName[..200];
        }
        else body = request.Body;

        byte[] content;
        await using (body)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > VocabularyFile.MaxBytes)
                    return (null, new ProblemDetails
                    {
                        Status = StatusCodes.Status413PayloadTooLarge, Title = "Berkas terlalu besar (file too large)",
                        Detail = $"Paling besar {VocabularyFile.MaxBytes / 1024} KB (at most {VocabularyFile.MaxBytes / 1024} KB).",
                    });
            }
            if (buffer.Length == 0) return (null, Problems.BadRequest("file", "Berkas kosong (the file is empty)."));
            content = buffer.ToArray();
        }
        var outcome = await bus.InvokeForTenantAsync<Outcome<VocabularyImportResponse>>(caller.Agency,
            new ImportVocabularyCommand(content, fileName, user.Identity?.Name ?? "sistem"), ct);
        if (!outcome.Decision.Refused) vocabulary.Forget(caller.Agency);
        return (outcome, outcome.Decision.Refusal);
    }

    private static ProblemDetails Invalid(int status, string title, IReadOnlyList<VocabularyLineError> errors) => new()
    {
        Status = status,
        Title = title,
        Detail = $"{errors.Count} kesalahan; tidak ada yang disimpan (the whole file was rejected, nothing was saved).",
        Extensions = { ["errors"] = errors },
    };
}

public sealed record VocabularyEntryView(string Short, string Long, string? Source, string Origin);

public sealed record VocabularyResponse(int Version, string? SourceName, string? ImportedBy, DateTimeOffset? ImportedAt, IReadOnlyList<VocabularyEntryView> Entries);

public static class GetVocabularyEndpoint
{
    [WolverineGet("/api/search/vocabulary")]
    [Tags("Pencarian")]
    [EndpointSummary("Every acronym and synonym searches expand with: the bundled list (bawaan), the agency's (agensi), its units' codes (unit) and heads' titles (jabatan)")]
    [ProducesResponseType<VocabularyResponse>(StatusCodes.Status200OK)]
    public static async Task<VocabularyResponse> Get([NotBody] Caller caller, IDocumentStore store, SearchVocabulary vocabulary, CancellationToken ct)
    {
        await using var session = store.QuerySession(caller.Agency);
        var own = await session.LoadAsync<VocabularyView>(VocabularyStreams.Stream, ct);
        var entries = await vocabulary.EntriesAsync(caller.Agency, ct);
        return new VocabularyResponse(own?.Version ?? 0, own?.SourceName, own?.ImportedBy, own?.ImportedAt,
            entries.Select(e => new VocabularyEntryView(e.Entry.Short, e.Entry.Long, e.Entry.Source, e.Origin)).ToList());
    }
}

public static class CompleteSearchEndpoint
{
    [WolverineGet("/api/search/complete")]
    [Tags("Pencarian")]
    [EndpointSummary("Search-as-you-type: senders, letter numbers or classification codes starting with the prefix, from letters the caller may see")]
    [ProducesResponseType<IReadOnlyList<string>>(StatusCodes.Status200OK)]
    public static IResult Get([NotBody] Caller caller, SearchIndexHost host, string? field = null, string? prefix = null, int max = 8)
    {
        CompletionField? which = field?.ToLowerInvariant() switch
        {
            "sender" or "pengirim" => CompletionField.Sender,
            "number" or "nomor" => CompletionField.Number,
            "classification" or "klasifikasi" => CompletionField.Classification,
            _ => null,
        };
        if (which is null) return Results.Problem(Problems.BadRequest("field", "field: sender, number atau classification."));
        if (max is < 1 or > 20) return Results.Problem(Problems.BadRequest("max", "max 1 sampai 20 (1 to 20)."));
        if (string.IsNullOrWhiteSpace(prefix) || prefix.Length > 100) return Results.Ok(Array.Empty<string>());
        return Results.Ok(host.Index.Complete(new AccessScope(caller.Agency, LetterAccess.TokensOf(caller)), which.Value, prefix, max));
    }
}

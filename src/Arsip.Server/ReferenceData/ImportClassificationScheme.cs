using System.Security.Claims;
using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

/// <summary>What came with an uploaded scheme: the file, and whether the uploader accepts shorter retention (and why).</summary>
public sealed record ClassificationImport(byte[] Content, SchemeFileFormat Format, string? SourceName, bool AllowShortening, string? Reason);

public sealed record ClassificationImportResponse(int Version, bool Changed, int Classes, IReadOnlyList<RetentionChange> Shortened);

public sealed record ImportClassificationSchemeCommand(ClassificationImport Import, string ImportedBy)
{
    public Guid StreamId => ReferenceDataStreams.ClassificationSchemeStream;
}

public static class ImportClassificationSchemeHandler
{
    /// <summary>A valid file that changes nothing is no new version; shorter retention needs consent and a reason.</summary>
    public static Decision Decide(ImportClassificationSchemeCommand command, ClassificationSchemeView? current, ParsedScheme parsed, DateTimeOffset now)
    {
        var import = command.Import;
        if (!parsed.IsValid) return Decision.Refuse(InvalidFile(parsed.Errors));
        var reason = string.IsNullOrWhiteSpace(import.Reason) ? null : import.Reason.Trim();
        if (import.AllowShortening && reason is null)
            return Decision.Refuse(Problems.BadRequest("reason", "Alasan wajib diisi bila allowShortening=true (a reason is required to shorten retention)."));
        if (current is not null && current.Classes.SequenceEqual(parsed.Classes)) return Decision.Accept();

        var shortened = FindShortenings(current?.Classes ?? [], parsed.Classes);
        if (shortened.Count > 0 && !import.AllowShortening) return Decision.Refuse(ShorteningRefused(shortened, parsed.Lines));
        return Decision.Accept(new ClassificationSchemeImported((current?.Version ?? 0) + 1, parsed.Classes, import.SourceName, shortened,
            reason, command.ImportedBy, now));
    }

    public static Outcome<ClassificationImportResponse> Handle(ImportClassificationSchemeCommand command,
        [WriteAggregate(nameof(ImportClassificationSchemeCommand.StreamId), Required = false)] IEventStream<ClassificationSchemeView> stream, ArsipClock clock)
    {
        var parsed = ClassificationSchemeFile.Parse(command.Import.Content, command.Import.Format);
        var decision = Decide(command, stream.Aggregate, parsed, clock.GetUtcNow()).AppendTo(stream);
        return new(decision, decision.Events is [ClassificationSchemeImported e]
            ? new ClassificationImportResponse(e.Version, true, e.Classes.Count, e.Shortened)
            : new ClassificationImportResponse(stream.Aggregate?.Version ?? 0, false, 0, []));
    }

    [WolverinePost("/api/classification/import")]
    [Tags("Data referensi")]
    [EndpointSummary("Import a new version of the classification scheme (kode klasifikasi arsip with JRA) from CSV or JSON")]
    [EndpointDescription("Body: multipart/form-data with a 'file' part (and optional 'allowShortening', 'reason' fields), " +
                         "or the file itself as text/csv or application/json. Query: allowShortening=true&reason=... " +
                         "to accept an import that shortens retention. A file with any error is rejected whole.")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<IResult> Post(
        HttpRequest request, [NotBody] Caller caller, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct,
        bool allowShortening = false, string? reason = null)
    {
        var (import, problem) = await ClassificationUpload.ReadAsync(request, allowShortening, reason, ct);
        if (problem is not null) return Results.Problem(problem);
        var command = new ImportClassificationSchemeCommand(import!, user.Identity?.Name ?? "sistem");
        var outcome = await bus.InvokeForTenantAsync<Outcome<ClassificationImportResponse>>(caller.Agency, command, ct);
        var response = outcome.Value!;
        return outcome.Decision.ToResult(() => response.Changed
            ? Results.Created($"/api/classification?version={response.Version}", response)
            : Results.Ok(response));
    }

    /// <summary>
    /// Retention that a new version would shorten: a class removed, fewer active or inactive years, or a weaker final
    /// action (Permanen to anything else, DinilaiKembali to Musnah).
    /// </summary>
    public static IReadOnlyList<RetentionChange> FindShortenings(IEnumerable<ClassificationClass> before, IEnumerable<ClassificationClass> after)
    {
        var next = after.ToDictionary(c => c.Code);
        var changes = new List<RetentionChange>();
        foreach (var old in before)
        {
            if (!next.TryGetValue(old.Code, out var now))
            {
                changes.Add(new RetentionChange(old.Code, "code", "ada (present)", "dihapus (removed)"));
                continue;
            }
            if (now.ActiveRetentionYears < old.ActiveRetentionYears)
                changes.Add(new RetentionChange(old.Code, "activeRetentionYears", $"{old.ActiveRetentionYears}", $"{now.ActiveRetentionYears}"));
            if (now.InactiveRetentionYears < old.InactiveRetentionYears)
                changes.Add(new RetentionChange(old.Code, "inactiveRetentionYears", $"{old.InactiveRetentionYears}", $"{now.InactiveRetentionYears}"));
            if (Strength(now.FinalAction) < Strength(old.FinalAction))
                changes.Add(new RetentionChange(old.Code, "finalAction", $"{old.FinalAction}", $"{now.FinalAction}"));
        }
        return changes;
    }

    private static int Strength(FinalAction action) => action switch
    {
        FinalAction.Musnah => 0,
        FinalAction.DinilaiKembali => 1,
        _ => 2,
    };

    public static ProblemDetails InvalidFile(IReadOnlyList<ImportError> errors) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Berkas klasifikasi tidak valid (invalid classification file)",
        Detail = $"{errors.Count} kesalahan; tidak ada yang disimpan (the whole file was rejected, nothing was saved).",
        Extensions = { ["errors"] = errors },
    };

    private static ProblemDetails ShorteningRefused(IReadOnlyList<RetentionChange> shortened, IReadOnlyDictionary<string, int> lines) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Retensi dipersingkat (retention shortened)",
        Detail = "Impor ini memperpendek retensi atau menghapus kelas. Kirim ulang dengan allowShortening=true dan reason bila disengaja. " +
                 "(This import shortens retention or removes classes; resend with allowShortening=true and a reason if intended.)",
        Extensions =
        {
            ["errors"] = shortened.Select(s => new ImportError(lines.GetValueOrDefault(s.Code), s.Field,
                $"{s.Code}: {s.Field} {s.Before} → {s.After}")).ToList(),
        },
    };
}

/// <summary>The uploaded scheme file as the endpoint and the page receive it: a multipart form, or the raw body.</summary>
public static class ClassificationUpload
{
    public static async Task<(ClassificationImport?, ProblemDetails?)> ReadAsync(
        HttpRequest request, bool allowShortening, string? reason, CancellationToken ct)
    {
        string? contentType, fileName = null;
        Stream body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null) return (null, Problems.BadRequest("file", "Unggah berkas di bagian 'file' (upload the file in a 'file' part)."));
            (contentType, fileName, body) = (file.ContentType, Path.GetFileName(file.FileName), file.OpenReadStream());
            if (fileName.Length > 200) fileName = fileName[..200];
            if (bool.TryParse(form["allowShortening"], out var allow)) allowShortening |= allow;
            if (string.IsNullOrWhiteSpace(reason)) reason = form["reason"];
        }
        else (contentType, body) = (request.ContentType, request.Body);

        await using (body)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > ClassificationSchemeFile.MaxBytes)
                    return (null, ClassificationSchemeTooLarge());
            }
            if (buffer.Length == 0) return (null, Problems.BadRequest("file", "Berkas kosong (the file is empty)."));
            var content = buffer.ToArray();
            return (new ClassificationImport(content, ClassificationSchemeFile.DetectFormat(contentType, fileName, content),
                fileName, allowShortening, reason), null);
        }
    }

    private static ProblemDetails ClassificationSchemeTooLarge() => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Berkas terlalu besar (file too large)",
        Detail = $"Paling besar {ClassificationSchemeFile.MaxBytes / 1024 / 1024} MB (at most {ClassificationSchemeFile.MaxBytes / 1024 / 1024} MB).",
    };
}

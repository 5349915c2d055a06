using Arsip.ReferenceData;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Arsip.Correspondence;

/// <summary>Check an uploaded register (and its scans' ZIP) with a column mapping and an encoding (null: guessed); nothing but the import's
/// own record is written. Checking again with another mapping replaces what the last check found.</summary>
public sealed record CheckLegacyRegisterCommand(Guid ImportId, Caller Caller, string? FileName, string? ScansFileName, string? Encoding,
    Dictionary<string, int>? Mapping, bool IsNew, RegisterKind Kind = RegisterKind.Incoming);

public sealed record LegacyImportCheckBody(string? Encoding, Dictionary<string, int>? Mapping);

public static class CheckLegacyRegisterHandler
{
    public static Decision Decide(CheckLegacyRegisterCommand command, LegacyImport? import)
    {
        if (!command.IsNew && import is null) return Decision.Refuse(Problems.NotFound("Impor register", command.ImportId));
        if (import is not null && import.Status != LegacyImportStatus.Checked)
            return Decision.Refuse(Problems.Conflict("Impor ini sudah dijalankan; unggah lagi untuk memeriksa ulang (this import has already been started)."));
        if (command.Encoding is { } encoding && !LegacyRegisterFile.Encodings.Contains(encoding))
            return Decision.Refuse(Problems.BadRequest("encoding", $"Encoding {encoding} tidak dikenal: {string.Join(", ", LegacyRegisterFile.Encodings)}."));
        if (command.Mapping?.Keys.FirstOrDefault(k => !Enum.TryParse<RegisterColumn>(k, true, out _)) is { } unknown)
            return Decision.Refuse(Problems.BadRequest("mapping", $"Kolom '{unknown}' tidak dikenal (unknown column): {string.Join(", ", Enum.GetNames<RegisterColumn>())}."));
        return Decision.Accept();
    }

    public static async Task<Outcome<LegacyImport>> Handle(CheckLegacyRegisterCommand command, IDocumentSession session, LegacyImportSettings settings,
        CheckedRegisters checkedRegisters, ArsipClock clock, CancellationToken ct)
    {
        var import = await session.LoadAsync<LegacyImport>(command.ImportId, ct);
        var decision = Decide(command, import);
        if (decision.Refused) return new(decision, null);
        var now = clock.GetUtcNow();
        import ??= new LegacyImport
        {
            Id = command.ImportId, Kind = command.Kind, FileName = command.FileName ?? "register", ScansFileName = command.ScansFileName,
            CreatedBy = command.Caller.Name, CreatedByPersonId = command.Caller.PersonId, CreatedAt = now,
        };
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var check = await LegacyImports.CheckAsync(session, settings, command.Caller.Agency, import.Id, import.Kind, command.Encoding, command.Mapping, command.Caller, today, ct);
        LegacyImports.Describe(import, check);
        checkedRegisters.Keep(command.Caller.Agency, import.Id, check);
        import.Status = LegacyImportStatus.Checked;
        session.Store(import);
        return new(decision, import);
    }
}

public static class CheckLegacyRegisterEndpoint
{
    [WolverinePost("/api/legacy-imports")]
    [Tags("Surat masuk")]
    [EndpointSummary("Upload a legacy agenda book (CSV or XLSX, part 'register') and optionally a ZIP of its scans (part 'scans'); " +
        "fields 'kind' (incoming: buku agenda surat masuk, the default; outgoing: surat keluar), 'encoding' (utf-8, windows-1252) and 'mapping' (JSON: column to index). " +
        "Answers the preview, the mapping and every problem; nothing is imported yet")]
    [ProducesResponseType<LegacyImport>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IResult> Post(HttpRequest request, [NotBody] Caller caller, LegacyImportSettings settings, IMessageBus bus, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Kirim sebagai multipart/form-data (send as multipart/form-data)",
                Detail = "Bagian 'register' berisi buku agenda (CSV atau XLSX), bagian 'scans' berkas ZIP pindaian (part 'register': the agenda book; part 'scans': a ZIP of scans).",
            });
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;

        var id = Guid.CreateVersion7();
        var upload = new LegacyImportUpload(settings, caller.Agency, id);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
                if (await upload.SaveAsync(name, fileName, section.Body, ct) is { } tooLarge) return Results.Problem(tooLarge);
            }
            else
            {
                using var text = new StreamReader(section.Body);
                var buffer = new char[4000];
                fields[name] = new string(buffer, 0, await text.ReadBlockAsync(buffer, ct)).Trim();
            }
        }
        var (command, problem) = upload.Command(caller, fields.GetValueOrDefault("encoding"), fields.GetValueOrDefault("mapping"), fields.GetValueOrDefault("kind"));
        if (command is null) return Results.Problem(problem!);
        var outcome = await bus.InvokeForTenantAsync<Outcome<LegacyImport>>(caller.Agency, command, ct);
        if (outcome.Decision.Refused) upload.Discard();
        return outcome.Decision.ToResult(() => Results.Created($"/api/legacy-imports/{id}", outcome.Value));
    }

    [WolverinePost("/api/legacy-imports/{id}/check")]
    [Tags("Surat masuk")]
    [EndpointSummary("Check the uploaded register again with another column mapping or encoding; answers the new preview and problems")]
    [ProducesResponseType<LegacyImport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IResult> Check(Guid id, LegacyImportCheckBody body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<LegacyImport>>(caller.Agency,
            new CheckLegacyRegisterCommand(id, caller, null, null, LegacyRegisterFile.EncodingOf(body.Encoding), body.Mapping, IsNew: false), ct);
        return outcome.Decision.ToResult(() => Results.Ok(outcome.Value));
    }

}

/// <summary>The uploaded files, written straight to the import's folder (never whole in memory) and bounded by the settings' limits.</summary>
public sealed class LegacyImportUpload(LegacyImportSettings settings, string agency, Guid id)
{
    public const string RegisterPart = "register";
    public const string ScansPart = "scans";

    public string? RegisterName { get; private set; }
    public string? ScansName { get; private set; }

    public async Task<ProblemDetails?> SaveAsync(string part, string fileName, Stream content, CancellationToken ct)
    {
        var (path, max) = part switch
        {
            LegacyImportUpload.RegisterPart => (settings.RegisterPath(agency, id), settings.MaxRegisterBytes),
            LegacyImportUpload.ScansPart => (settings.ScansPath(agency, id), settings.MaxScansTotalBytes),
            _ => (null, 0L),
        };
        if (path is null) return null;
        Directory.CreateDirectory(settings.FolderOf(agency, id));
        long written = 0;
        await using (var file = File.Create(path))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                written += read;
                if (written > max)
                {
                    await file.DisposeAsync();
                    Discard();
                    return new ProblemDetails
                    {
                        Status = StatusCodes.Status413PayloadTooLarge, Title = "Berkas terlalu besar (file too large)",
                        Detail = $"{fileName}: paling besar {max / 1024 / 1024:N0} MB (at most {max / 1024 / 1024:N0} MB).",
                    };
                }
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        if (written == 0) File.Delete(path);
        else if (part == LegacyImportUpload.RegisterPart) RegisterName = fileName;
        else ScansName = fileName;
        return null;
    }

    public (CheckLegacyRegisterCommand? Command, ProblemDetails? Problem) Command(Caller caller, string? encoding, string? mappingJson, string? kind = null)
    {
        if (KindOf(kind) is not { } registerKind)
        {
            Discard();
            return (null, Problems.BadRequest("kind", $"Jenis register '{kind}' tidak dikenal: incoming (surat masuk) atau outgoing (surat keluar) (unknown register kind)."));
        }
        if (RegisterName is null)
        {
            Discard();
            return (null, Problems.BadRequest(LegacyImportUpload.RegisterPart, "Unggah register (CSV atau XLSX) di bagian 'register' (upload the register in a 'register' part)."));
        }
        Dictionary<string, int>? mapping = null;
        if (!string.IsNullOrWhiteSpace(mappingJson))
            try
            {
                mapping = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(mappingJson);
            }
            catch (System.Text.Json.JsonException)
            {
                Discard();
                return (null, Problems.BadRequest("mapping", "mapping harus JSON {\"Agenda\": 0, ...} (mapping must be a JSON object of column to index)."));
            }
        return (new CheckLegacyRegisterCommand(id, caller, RegisterName, ScansName, LegacyRegisterFile.EncodingOf(encoding), mapping, IsNew: true, registerKind), null);
    }

    /// <summary>incoming/outgoing, or the page's masuk/keluar; nothing means incoming (the API before outgoing registers existed).</summary>
    public static RegisterKind? KindOf(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "incoming" or "masuk" => RegisterKind.Incoming,
        "outgoing" or "keluar" => RegisterKind.Outgoing,
        _ => null,
    };

    public void Discard()
    {
        var folder = settings.FolderOf(agency, id);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

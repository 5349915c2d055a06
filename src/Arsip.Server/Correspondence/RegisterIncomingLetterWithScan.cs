using System.Text.Json;
using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Arsip.Correspondence;

public sealed record RegisterIncomingLetterWithScanResponse(Guid Id, int AgendaNumber, int AgendaYear, LetterFile Scan);

/// <summary>Checked by the same decision and registered by the same group commit as the JSON endpoint; the scan is checked before anything is written, and both are recorded or neither.</summary>
public sealed record RegisterIncomingLetterWithScanCommand(Caller Caller, RegisterIncomingLetter Letter, StagedBlob Staged, UploadedFile Scan);

public static class RegisterIncomingLetterWithScanHandler
{
    private const int MaxLetterJson = 64 * 1024;
    private static readonly JsonSerializerOptions Json = EnumNames.Options(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    [WolverinePost("/api/incoming-letters/with-scan")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [Tags("Surat masuk")]
    [EndpointSummary("Register an incoming letter together with its scan (multipart/form-data: letter JSON + scan file)")]
    [Authorize(Policy = Policies.Registrar)]
    [ProducesResponseType<RegisterIncomingLetterWithScanResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public static async Task<IResult> Post(
        HttpRequest request, [NotBody] Caller caller, IBlobStore blobs, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
            return Results.Problem(Problems.BadRequest("body", "Kirim sebagai multipart/form-data dengan bagian letter dan scan (send multipart/form-data with letter and scan parts)."));
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;

        StagedBlob? scan = null;
        try
        {
            string? letterJson = null, fileName = null, declaredType = null;
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "scan" && disposition.IsFileDisposition() && scan is null)
                {
                    fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
                    declaredType = section.ContentType;
                    scan = await blobs.StageAsync(section.Body, ct);
                }
                else if (name == "letter")
                {
                    using var text = new StreamReader(section.Body);
                    var buffer = new char[MaxLetterJson + 1];
                    var read = await text.ReadBlockAsync(buffer, ct);
                    if (read > MaxLetterJson) return Results.Problem(Problems.BadRequest("letter", "Data surat terlalu panjang (letter too long)."));
                    letterJson = new string(buffer, 0, read);
                }
            }
            if (string.IsNullOrWhiteSpace(letterJson)) return Results.Problem(Problems.BadRequest("letter", "Bagian letter (JSON) wajib ada (the letter part is required)."));
            if (scan is null) return Results.Problem(Problems.BadRequest("scan", "Bagian scan (berkas) wajib ada (the scan file is required)."));
            var uploaded = new UploadedFile(fileName ?? "", declaredType, scan.Blob);
            if (AddIncomingLetterAttachmentsEndpoint.RefusalOf("scan", [uploaded]) is { } refused) return Results.Problem(refused);

            var command = JsonSerializer.Deserialize<RegisterIncomingLetter>(letterJson, Json)
                ?? throw new JsonException("The letter is null.");
            if (InputChecks.Find(command, clock.Today, clock.LocalTimeZone) is { } unusable) return Results.Problem(unusable);
            var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RegisterIncomingLetterWithScanCommand(caller, command, scan, uploaded), ct);
            return decision.ToResult(() =>
            {
                var registered = Registered(decision);
                return Results.Created($"/api/incoming-letters/{registered.Id}", registered);
            });
        }
        finally
        {
            if (scan is not null) await scan.DisposeAsync();
        }
    }

    /// <summary>The scan is refused first, as the endpoint refuses it before reading the letter.</summary>
    public static Decision Decide(RegisterIncomingLetterWithScanCommand command, RegistrationLookup lookup, DateOnly today, DateTimeOffset now, Guid id)
    {
        if (AddIncomingLetterAttachmentsEndpoint.RefusalOf("scan", [command.Scan]) is { } refused) return Decision.Refuse(refused);
        var decision = RegisterIncomingLetterHandler.Decide(new RegisterIncomingLetterCommand(command.Caller, command.Letter), lookup, today, now, id);
        if (decision.Refused) return decision;
        var (added, _) = AddIncomingLetterAttachmentsHandler.Added(new IncomingLetterView { Id = id }, AttachmentKind.Scan, [command.Scan], command.Caller, now);
        return Decision.Accept([.. decision.Events, .. added]);
    }

    /// <summary>The scan is stored before the letter commits: a failed commit leaves an unreferenced blob, never a letter without its scan.</summary>
    public static async Task<Decision> Handle(RegisterIncomingLetterWithScanCommand command, IQuerySession session, GroupCommit commits, ArsipClock clock, CancellationToken ct)
    {
        var lookup = await IncomingLetterRegistration.LoadAsync(command.Letter, session, command.Caller, ct);
        var now = clock.GetUtcNow();
        var decision = Decide(command, lookup, clock.Today, now, Guid.CreateVersion7(now));
        if (!decision.Refused) await command.Staged.CommitAsync(ct);
        return await IncomingLetterRegistration.CommitAsync(commits, session, command.Caller, command.Letter, lookup, decision, ct);
    }

    public static RegisterIncomingLetterWithScanResponse Registered(Decision decision)
    {
        var registered = decision.Events.OfType<IncomingLetterRegistered>().Single();
        var e = decision.Events.OfType<IncomingLetterAttachmentAdded>().Single();
        return new(registered.LetterId, registered.AgendaNumber, registered.AgendaYear, new LetterFile(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt));
    }
}

using System.Text.Json;
using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Correspondence;

public sealed record RegisterIncomingLetterWithScanResponse(Guid Id, int AgendaNumber, int AgendaYear, LetterFile Scan);

/// <summary>
/// Registration and scan in one request (multipart/form-data: a <c>letter</c> field holding the same
/// JSON as <c>POST /api/incoming-letters</c>, and a <c>scan</c> file). The letter is checked by the same
/// validation and registered by the same code as the JSON endpoint; the scan is checked before
/// anything is written, and either both are recorded or neither.
/// </summary>
[Authorize(Policy = Policies.Registrar)]
public static class RegisterIncomingLetterWithScanEndpoint
{
    private const int MaxLetterJson = 64 * 1024;
    private static readonly JsonSerializerOptions Json = EnumNames.Options(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    [WolverinePost("/api/incoming-letters/with-scan")]
    [Tags("Surat masuk")]
    [EndpointSummary("Register an incoming letter together with its scan (multipart/form-data: letter JSON + scan file)")]
    [ProducesResponseType<RegisterIncomingLetterWithScanResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public static async Task<IResult> Post(
        HttpRequest request, [NotBody] Caller caller, IQuerySession session, GroupCommit commits, IBlobStore blobs, ArsipClock clock, CancellationToken ct)
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
            var lookup = await RegisterIncomingLetterEndpoint.LoadAsync(command, session, caller, ct);
            var problem = RegisterIncomingLetterEndpoint.Validate(command, lookup, clock);
            if (!ReferenceEquals(problem, WolverineContinue.NoProblems)) return Results.Problem(problem);

            var registered = await RegisterAsync(command, lookup, scan, uploaded, commits, clock, caller, ct);
            return Results.Created($"/api/incoming-letters/{registered.Id}", registered);
        }
        finally
        {
            if (scan is not null) await scan.DisposeAsync();
        }
    }

    /// <summary>
    /// Stores the checked scan and registers the letter with it in one commit (the registration page uses this too).
    /// The command must have passed <see cref="RegisterIncomingLetterEndpoint.Validate"/> and the scan
    /// <see cref="AddIncomingLetterAttachmentsEndpoint.RefusalOf"/>.
    /// </summary>
    public static async Task<RegisterIncomingLetterWithScanResponse> RegisterAsync(
        RegisterIncomingLetter command, RegistrationLookup lookup, StagedBlob staged, UploadedFile uploaded, GroupCommit commits, ArsipClock clock, Caller caller, CancellationToken ct)
    {
        await staged.CommitAsync(ct);
        var (registered, added) = await commits.RunAsync(caller.Agency, lookup.AgendaSequence, command.ReceivedOn!.Value.Year, (writing, agendaNumber) =>
        {
            var now = clock.GetUtcNow();
            var registered = RegisterIncomingLetterEndpoint.Start(writing, command, lookup.Addressees, caller, agendaNumber, now);
            var (added, _) = AddIncomingLetterAttachmentsEndpoint.Decide(new IncomingLetterView { Id = registered.LetterId }, AttachmentKind.Scan, [uploaded], caller, now);
            writing.Events.Append(registered.LetterId, added.ToArray<object>());
            return (registered, added);
        });
        var file = added.Select(e => new LetterFile(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt)).Single();
        return new RegisterIncomingLetterWithScanResponse(registered.LetterId, registered.AgendaNumber, registered.AgendaYear, file);
    }
}

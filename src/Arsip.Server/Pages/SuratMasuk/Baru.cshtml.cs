using Microsoft.Extensions.Localization;
using Arsip.Attachments;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine.Http;

namespace Arsip.Pages;

/// <summary>
/// Registering an incoming letter: the form posts the API's own command through
/// <see cref="RegisterIncomingLetterEndpoint.LoadAsync"/>, <see cref="RegisterIncomingLetterEndpoint.Validate"/> and <see cref="RegisterIncomingLetterEndpoint.RegisterAsync"/>,
/// so the page and <c>POST /api/incoming-letters</c> share every rule and message.
/// </summary>
[Authorize(Policy = Policies.Registrar)]
public sealed class BaruModel(IDocumentStore store, GroupCommit commits, IBlobStore blobs, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public sealed class Form
    {
        public string? Sender { get; set; }
        public string? SenderLetterNumber { get; set; }
        public DateOnly? LetterDate { get; set; }
        public DateOnly? ReceivedOn { get; set; }
        public string? Subject { get; set; }
        public string? Classification { get; set; }
        public SecurityLevel? SecurityLevel { get; set; } = Correspondence.SecurityLevel.Biasa;
        public Urgency? Urgency { get; set; } = Correspondence.Urgency.Biasa;
        public Guid? AddresseePositionId { get; set; }
        public string? Attachments { get; set; }
        public string? Remarks { get; set; }
        public bool ConfirmedDistinct { get; set; }

        public RegisterIncomingLetter ToCommand() => new(
            Sender, SenderLetterNumber, LetterDate, ReceivedOn, Subject, Classification, SecurityLevel, Urgency,
            Attachments, Remarks, AddresseePositionId, null, ConfirmedDistinct);
    }

    [BindProperty] public Form Input { get; set; } = new();
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public Guid? DuplicateOf { get; private set; }
    public IReadOnlyList<Position> Positions { get; private set; } = [];

    /// <summary>The API's message for a field, with the field's API name replaced by its label on this form.</summary>
    public string? Error(string field) => Errors.TryGetValue(field, out var messages)
        ? string.Join(" ", messages.Select(m => FieldLabels.TryGetValue(field, out var label) && m.StartsWith(field + " ") ? label + m[field.Length..] : m))
        : null;

    private static readonly Dictionary<string, string> FieldLabels = new()
    {
        ["sender"] = "Pengirim", ["senderLetterNumber"] = "Nomor surat", ["letterDate"] = "Tanggal surat", ["receivedOn"] = "Tanggal diterima",
        ["subject"] = "Perihal", ["classification"] = "Kode klasifikasi", ["securityLevel"] = "Sifat", ["urgency"] = "Derajat kecepatan",
        ["attachments"] = "Lampiran", ["remarks"] = "Keterangan", ["scan"] = "Pindaian",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ReceivedOn = clock.Today;
        await LoadPositionsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var command = Input.ToCommand();
        await using var session = store.QuerySession(caller.Agency);
        // The scan (optional) is checked like the API's: by content, the same size limit, nothing kept on refusal.
        var (upload, refused) = await MultipartUpload.FromFormAsync(Request.Form, blobs, 1, ct);
        await using var _ = upload;
        (StagedBlob Staged, UploadedFile File)? scan = upload is { Files.Count: > 0 } ? upload.Files[0] : null;
        refused ??= scan is { } s ? AddIncomingLetterAttachmentsEndpoint.RefusalOf("scan", [s.File]) : null;
        var lookup = await RegisterIncomingLetterEndpoint.LoadAsync(command, session, caller, ct);
        var problem = refused ?? RegisterIncomingLetterEndpoint.Validate(command, lookup, clock);
        if (!ReferenceEquals(problem, WolverineContinue.NoProblems))
        {
            Errors = problem is ValidationProblemDetails validation ? validation.Errors : new Dictionary<string, string[]>();
            if (problem.Status == StatusCodes.Status409Conflict && Guid.TryParse(problem.Instance?.Split('/').Last(), out var existing))
                DuplicateOf = existing;
            else if (Errors.Count == 0)
                Errors = new Dictionary<string, string[]> { [refused is null ? "sender" : "scan"] = [problem.Detail ?? problem.Title ?? "Tidak valid."] };
            else if (refused is not null && !Errors.ContainsKey("scan"))
                Errors = new Dictionary<string, string[]> { ["scan"] = Errors.Values.SelectMany(m => m).ToArray() };
            await LoadPositionsAsync(ct);
            return Page();
        }

        Guid id;
        int agendaNumber, agendaYear;
        if (scan is { } file)
        {
            var registered = await RegisterIncomingLetterWithScanEndpoint.RegisterAsync(command, lookup, file.Staged, file.File, commits, clock, caller, ct);
            (id, agendaNumber, agendaYear) = (registered.Id, registered.AgendaNumber, registered.AgendaYear);
        }
        else
        {
            var registered = await RegisterIncomingLetterEndpoint.RegisterAsync(command, lookup, commits, clock, caller);
            (id, agendaNumber, agendaYear) = (registered.Id, registered.AgendaNumber, registered.AgendaYear);
        }
        TempData["Notice"] = (scan is null ? text["Surat masuk tercatat dengan nomor agenda {0}/{1}.", agendaNumber, agendaYear] : text["Surat masuk tercatat dengan nomor agenda {0}/{1} beserta pindaiannya.", agendaNumber, agendaYear]).Value;
        return Redirect($"/surat-masuk/{id}");
    }

    private async Task LoadPositionsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Positions = (await session.Query<Position>().OrderBy(p => p.Title).ToListAsync(ct)).ToList();
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using Arsip.Attachments;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The form sends the API's own command through the bus, so the page and POST /api/incoming-letters share every rule and message.</summary>
[Authorize(Policy = Policies.Registrar)]
public sealed class BaruModel(
    IDocumentStore store, IMessageBus bus, IBlobStore blobs, ArsipClock clock, IStringLocalizer<Text> text, IDataProtectionProvider protection) : PageModel
{
    public sealed class Form
    {
        public string? Sender { get; set; }
        public string? SenderLetterNumber { get; set; }
        public DateOnly? LetterDate { get; set; }
        public DateOnly? ReceivedOn { get; set; }
        public string? Subject { get; set; }
        public string? Classification { get; set; }
        public SecurityLevel? SecurityLevel { get; set; } = Kernel.SecurityLevel.Biasa;
        public Urgency? Urgency { get; set; } = Kernel.Urgency.Biasa;
        public Guid? AddresseePositionId { get; set; }
        public string? Attachments { get; set; }
        public string? Remarks { get; set; }
        public bool ConfirmedDistinct { get; set; }
        public string? KeptScan { get; set; }

        public RegisterIncomingLetter ToCommand() => new(
            Sender, SenderLetterNumber, LetterDate, ReceivedOn, Subject, Classification, SecurityLevel, Urgency,
            Attachments, Remarks, AddresseePositionId, null, ConfirmedDistinct);
    }

    [BindProperty] public Form Input { get; set; } = new();
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public Guid? DuplicateOf { get; private set; }
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    /// <summary>The scan carried over from a refused post (the form shows it and sends it again unless another file replaces it).</summary>
    public UploadedFile? Kept { get; private set; }

    public string? Error(string field) => Errors[field];

    public static readonly string[] Shown =
        ["sender", "senderLetterNumber", "letterDate", "receivedOn", "subject", "classification", "securityLevel", "urgency", "addresseePositionId", "attachments", "remarks", "scan"];

    /// <summary>The API's messages name its fields ("letterDate wajib diisi"); this form says the field's label instead.</summary>
    private static FormErrors Labelled(FormErrors errors)
    {
        foreach (var (field, messages) in errors.Fields.ToList())
            errors.Fields[field] = messages.Select(m => FieldLabels.TryGetValue(field, out var label) && m.StartsWith(field + " ") ? label + m[field.Length..] : m).ToArray();
        return errors;
    }

    private static readonly Dictionary<string, string> FieldLabels = new()
    {
        ["sender"] = "Pengirim", ["senderLetterNumber"] = "Nomor surat", ["letterDate"] = "Tanggal surat", ["receivedOn"] = "Tanggal diterima",
        ["subject"] = "Perihal", ["classification"] = "Kode klasifikasi", ["securityLevel"] = "Sifat", ["urgency"] = "Derajat kecepatan",
        ["attachments"] = "Lampiran", ["remarks"] = "Keterangan", ["scan"] = "Pindaian",
    };

    private IDataProtector Protector => protection.CreateProtector("Arsip.Pages.SuratMasuk.Baru.KeptScan");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ReceivedOn = clock.Today;
        await LoadPositionsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var command = Input.ToCommand();
        // The scan (optional) is checked like the API's: by content, the same size limit, nothing kept on refusal.
        var (upload, refused) = await MultipartUpload.FromFormAsync(Request.Form, blobs, 1, ct);
        await using var _ = upload;
        (StagedBlob Staged, UploadedFile File)? scan = upload is { Files.Count: > 0 } ? upload.Files[0] : null;
        // no new file: the scan of the refused post before (stored then, its hash carried in the form)
        StagedBlob? kept = null;
        if (scan is null && refused is null && await KeptAsync(caller, ct) is { } previous)
        {
            kept = previous.Staged;
            scan = previous;
        }
        await using var __ = kept;
        var decision = refused is not null ? Decision.Refuse(refused)
            : scan is { } s ? await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RegisterIncomingLetterWithScanCommand(caller, command, s.Staged, s.File), ct)
            : await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RegisterIncomingLetterCommand(caller, command), ct);
        // a mislabelled scan is the only refusal of the scan itself (415); the form marks it on the scan field
        refused ??= decision.Refusal is { Status: StatusCodes.Status415UnsupportedMediaType } mislabelled ? mislabelled : null;
        if (decision.Refusal is { } problem)
        {
            if (problem.Status == StatusCodes.Status409Conflict && Guid.TryParse(problem.Instance?.Split('/').Last(), out var existing))
                DuplicateOf = existing;
            else if (refused is not null)
            {
                Errors = FormErrors.AtField(refused, "scan");
                if (!Errors.Fields.ContainsKey("scan")) Errors = new FormErrors().With("scan", Errors.Fields.Values.SelectMany(m => m).ToArray());
            }
            else
                Errors = Labelled(FormErrors.AtField(problem, "sender"));
            // the scan is stored now, so the person need not choose it again after the duplicate warning or a refused field
            if (refused is null && scan is { } chosen)
            {
                await chosen.Staged.CommitAsync(ct);
                Kept = chosen.File;
                Input.KeptScan = Protector.Protect($"{caller.PersonId}|{chosen.File.Blob.Sha256}|{chosen.File.FileName}");
            }
            else if (refused is not null) Input.KeptScan = null;
            await LoadPositionsAsync(ct);
            return Page();
        }

        var (id, agendaNumber, agendaYear) = RegisterIncomingLetterHandler.Registered(decision);
        TempData["Notice"] = (scan is null ? text["Surat masuk tercatat dengan nomor agenda {0}/{1}.", agendaNumber, agendaYear] : text["Surat masuk tercatat dengan nomor agenda {0}/{1} beserta pindaiannya.", agendaNumber, agendaYear]).Value;
        return Redirect($"/surat-masuk/{id}");
    }

    private async Task<(StagedBlob Staged, UploadedFile File)?> KeptAsync(Caller caller, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Input.KeptScan)) return null;
        string[] parts;
        try { parts = Protector.Unprotect(Input.KeptScan).Split('|', 3); }
        catch (CryptographicException) { return null; }
        if (parts.Length != 3 || parts[0] != caller.PersonId.ToString()) return null;
        await using var stream = await blobs.OpenReadAsync(parts[1], ct);
        if (stream is null) return null;
        var staged = await blobs.StageAsync(stream, ct);
        return (staged, new UploadedFile(parts[2], null, staged.Blob));
    }

    private async Task LoadPositionsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Positions = (await session.Query<Position>().OrderBy(p => p.Title).ToListAsync(ct)).ToList();
    }
}

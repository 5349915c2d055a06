using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.Organization;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Every step sends the API's own command, and which forms show is asked of the aggregate's own decisions, so the page and the API cannot disagree.</summary>
public sealed class SuratKeluarDetailModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, PageTime time, IStringLocalizer<Text> text) : PageModel
{
    public sealed record Step(DateTimeOffset At, string What, string? Note);

    public OutgoingLetterView Letter { get; private set; } = null!;
    public IReadOnlyList<Step> Timeline { get; private set; } = [];
    public string NextAction { get; private set; } = "";
    public Dictionary<Guid, string> Titles { get; private set; } = [];
    /// <summary>Recipients the system delivers to (other installations and agencies of this one), by delivery id.</summary>
    public Dictionary<Guid, Exchange.EnvelopeLine> Envelopes { get; private set; } = [];
    public bool CanRevise { get; private set; }
    public bool CanSubmit { get; private set; }
    public bool CanReview { get; private set; }
    public bool CanSign { get; private set; }
    /// <summary>The reviewer whose turn it is, or the signatory of an approved letter (Kembalikan).</summary>
    public bool CanReturn { get; private set; }
    /// <summary>The caller has a certificate installed: signing asks for its passphrase and issues a certified signature (TTE).</summary>
    public Signing.SignerCertificate? Certificate { get; private set; }
    public bool CanDispatch { get; private set; }
    public bool CanCancel { get; private set; }
    public bool HasPdf => Letter.Destroyed is null && (Letter.IssuedPdfSha256 is not null || Letter.Status is OutgoingStatus.Draft or OutgoingStatus.InReview or OutgoingStatus.Approved);
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public DateOnly Today => time.Zone.Today(clock);

    public string Title(Guid position) => Titles.GetValueOrDefault(position, "(jabatan tidak dikenal)");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        return await LoadAsync(session, id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, [FromQuery] bool unduh, [FromServices] IIssuedPdfStore pdfs, [FromServices] ILetterheads letterheads, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (await OutgoingLetterPdfs.ReadAsync(session, caller, id, pdfs, letterheads, clock, ct) is not { File: { } file }) return NotFound();
        Response.Headers.CacheControl = "private, no-cache";
        return unduh ? File(file.Bytes, "application/pdf", file.FileName) : File(file.Bytes, "application/pdf");
    }

    public Task<IActionResult> OnPostAjukanAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, "ajukan", caller => new SubmitOutgoingLetterCommand(id, caller), "Konsep diajukan untuk paraf.", ct);

    public Task<IActionResult> OnPostParafAsync(Guid id, string? comment, CancellationToken ct) =>
        SendAsync(id, "paraf", caller => new InitialOutgoingLetterCommand(id, caller, new InitialOutgoingLetter(comment)), "Paraf tercatat.", ct);

    public Task<IActionResult> OnPostKembalikanAsync(Guid id, string? comments, CancellationToken ct) =>
        SendAsync(id, "kembalikan", caller => new ReturnOutgoingLetterCommand(id, caller, new ReturnOutgoingLetter(comments)),
            "Konsep dikembalikan kepada penyusun.", ct);

    public Task<IActionResult> OnPostTandaTanganAsync(Guid id, string? passphrase, CancellationToken ct) =>
        SendAsync(id, "tanda-tangan", caller => new SignOutgoingLetterCommand(id, caller, passphrase), null, ct,
            decision => decision.Events.OfType<OutgoingLetterSigned>().SingleOrDefault() is { } signed
                ? text["Surat ditandatangani dengan nomor {0}.", signed.LetterNumber].Value : text["Surat ditandatangani."].Value);

    public Task<IActionResult> OnPostKirimAsync(Guid id, string? method, DateOnly? sentOn, CancellationToken ct) =>
        SendAsync(id, "kirim", caller => new DispatchOutgoingLetterCommand(id, caller, new DispatchOutgoingLetter(method, sentOn)), "Surat dikirim.", ct);

    public Task<IActionResult> OnPostBatalAsync(Guid id, string? reason, CancellationToken ct) =>
        SendAsync(id, "batal", caller => new CancelOutgoingLetterCommand(id, caller, new CancelOutgoingLetter(reason)), "Surat dibatalkan.", ct);

    private async Task<IActionResult> SendAsync(
        Guid id, string form, Func<Caller, object> command, string? notice, CancellationToken ct, Func<Decision, string>? describe = null)
    {
        var caller = Caller.From(User);
        try
        {
            var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, command(caller), ct);
            if (decision.Refusal is not { } problem)
            {
                TempData["Notice"] = notice is null ? describe!(decision) : text[notice].Value;
                return Redirect($"/surat-keluar/{id}");
            }
            if (problem.Status == StatusCodes.Status404NotFound) return NotFound();
            Errors = FormErrors.From(problem, form);
        }
        catch (ProblemException refused)
        {
            Errors = FormErrors.From(refused.ToProblem(), form);
        }
        catch (Exception e) when (e is ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
        {
            Errors = FormErrors.Message(text["Surat ini baru saja diubah orang lain; halaman dimuat ulang, periksa lalu coba lagi."], form);
        }
        await using var query = store.QuerySession(caller.Agency);
        return await LoadAsync(query, id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var batch = session.CreateBatchQuery();
        var viewQuery = batch.Load<OutgoingLetterView>(id);
        var letterQuery = batch.Load<OutgoingLetter>(id);
        var positionsQuery = batch.Query<Position>().ToList();
        var peopleQuery = batch.Query<Person>().ToList();
        var envelopesQuery = batch.Query<Exchange.EnvelopeState>().Where(s => s.LetterId == id).ToList();
        await batch.Execute(ct);
        if (await viewQuery is not { } view || await letterQuery is not { } letter || !LetterAccess.CanSee(caller, view.AccessTokens)) return false;

        Letter = view;
        Envelopes = Arsip.Exchange.Outbox.ForLetter(view, (await envelopesQuery).ToDictionary(s => s.Id)).ToDictionary(l => l.EnvelopeId);
        Titles = (await positionsQuery).ToDictionary(p => p.Id, p => p.Title);
        var people = await peopleQuery;
        var today = time.Zone.Today(clock);
        string Holders(Guid position)
        {
            var names = people.Where(p => p.PositionsOn(today).Contains(position)).Select(p => p.FullName).ToList();
            return names.Count == 0 ? Title(position) : $"{Title(position)} ({string.Join(", ", names)})";
        }

        CanRevise = letter.CanRevise(caller) is null;
        CanSubmit = letter.CanSubmit(caller) is null;
        CanReview = letter.CanReview(caller) is null;
        CanSign = letter.CanSign(caller) is null;
        CanReturn = letter.CanReturn(caller) is null;
        if (CanSign) Certificate = (await session.LoadAsync<Signing.SigningKey>(caller.PersonId, ct))?.Certificate;
        CanDispatch = letter.CanDispatch(caller) is null;
        CanCancel = letter.CanCancel(caller) is null;
        var recorded = view.DispatchedAt;
        NextAction = view.Status switch
        {
            OutgoingStatus.Draft => text["Penyusun ({0}) melengkapi konsep lalu mengajukannya untuk paraf.", view.DraftedBy],
            OutgoingStatus.InReview when letter.CurrentReviewer is { } reviewer => text["Menunggu paraf {0}.", Holders(reviewer)],
            OutgoingStatus.Approved => text["Menunggu tanda tangan {0}.", Holders(view.SignatoryPositionId)],
            OutgoingStatus.Signed => text["Menunggu pengiriman oleh {0}.", Dispatchers(caller.Agency, view, letter, people, (await positionsQuery).ToDictionary(p => p.Id), today)],
            // the day it went out (by hand it can be earlier than when the dispatch was recorded), and when it was recorded
            OutgoingStatus.Dispatched when view.SentOn is { } sent && recorded is { } at && sent != time.Zone.DateOf(at) =>
                text["Selesai: dikirim {0} (dicatat {1}).", $"{sent:dd-MM-yyyy}", time.Format(at)],
            OutgoingStatus.Dispatched => text["Selesai: dikirim {0}.", time.Format(recorded)],
            OutgoingStatus.Cancelled => text["Tidak ada: surat dibatalkan."],
            _ => "",
        };

        var events = await session.Events.FetchStreamAsync(id, token: ct);
        Timeline = events.Select(e => Describe(e.Data, e.Timestamp)).ToList();
        return true;
    }

    /// <summary>Named, so nobody is sent to a letter that answers 404 for them.</summary>
    private string Dispatchers(string agency, OutgoingLetterView view, OutgoingLetter letter, IReadOnlyList<Person> people, IReadOnlyDictionary<Guid, Position> positions, DateOnly today)
    {
        var names = new List<string> { text["penyusun ({0})", view.DraftedBy] };
        var signatories = people.Where(p => p.PositionsOn(today).Contains(view.SignatoryPositionId)).Select(p => p.FullName).ToList();
        names.Add(signatories.Count == 0 ? text["penandatangan ({0})", Title(view.SignatoryPositionId)] : text["penandatangan ({0})", string.Join(", ", signatories)]);
        var registrars = people.Where(p => p.Id != letter.DraftedByPersonId).Select(p =>
        {
            var held = p.PositionsOn(today).Select(positions.GetValueOrDefault).OfType<Position>().ToList();
            var caller = Caller.From(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(PersonClaims.For(agency, p, held, today))));
            return (p.FullName, caller);
        }).Where(c => c.caller.Roles.Contains(Role.Registrar) && letter.CanDispatch(c.caller) is null && LetterAccess.CanSee(c.caller, view.AccessTokens))
          .Select(c => c.FullName).ToList();
        if (registrars.Count > 0) names.Add(text["pengadministrasi ({0})", string.Join(", ", registrars)]);
        return string.Join(text[" atau "], names);
    }

    private Step Describe(object data, DateTimeOffset at) => data switch
    {
        OutgoingLetterDrafted d => new(d.DraftedAt, $"Konsep dibuat oleh {d.DraftedBy}", null),
        OutgoingLetterRevised r => new(r.RevisedAt, $"Konsep diubah menjadi versi {r.DraftVersion} oleh {r.RevisedBy}", r.Note),
        OutgoingLetterSubmitted s => new(s.SubmittedAt, $"Konsep versi {s.DraftVersion} diajukan untuk paraf oleh {s.SubmittedBy}", null),
        OutgoingLetterInitialed i => new(i.InitialedAt, $"Paraf {Title(i.ReviewerPositionId)}: {i.Reviewer}", i.Comment),
        OutgoingLetterReturned r => new(r.ReturnedAt, $"Dikembalikan oleh {r.Reviewer} ({Title(r.ReviewerPositionId)})", r.Comments),
        OutgoingLetterSigned s => new(s.SignedAt, $"Ditandatangani oleh {s.Signatory} ({Title(s.SignatoryPositionId)}), nomor {s.LetterNumber}", null),
        OutgoingLetterIssued i => new(i.IssuedAt, $"PDF/A diterbitkan dengan kode verifikasi {i.VerificationCode}", null),
        OutgoingLetterDispatched d => new(d.DispatchedAt, $"Dikirim oleh {d.DispatchedBy} kepada {d.Deliveries.Length} tujuan", null),
        OutgoingLetterDeliveryReceipted r => new(r.ReceivedAt, $"Diterima {Agencies.NameOf(r.Agency)} dengan nomor agenda {r.AgendaNumber}", null),
        OutgoingLetterDeliveryRefused r => new(r.RefusedAt, $"Ditolak {Agencies.NameOf(r.Agency)}", r.Reason),
        OutgoingLetterDeliveryProgressed p => new(p.At, $"{(p.Progress == DeliveryProgress.Disposed ? "Didisposisikan" : "Dibaca")} di {Agencies.NameOf(p.Agency)}", null),
        OutgoingLetterNumberReserved n => new(n.ReservedAt, $"Nomor {n.LetterNumber} dipesan oleh {n.ReservedBy} untuk surat yang ditandatangani di atas kertas", null),
        OutgoingLetterImported i => new(i.ImportedAt, $"Diimpor dari register lama {i.Source} baris {i.Line} oleh {i.ImportedBy} (impor {i.ImportId}); nomor {i.LetterNumber}, dikirim {i.SentOn:dd/MM/yyyy}", i.Remarks),
        OutgoingLetterFileAdded f => new(f.AddedAt, $"{(f.Kind == AttachmentKind.Scan ? "Pindaian" : "Lampiran")} {f.FileName} ditambahkan oleh {f.AddedBy}", null),
        OutgoingLetterCancelled c => new(c.CancelledAt, $"Dibatalkan oleh {c.CancelledBy}", c.Reason),
        _ => new(at, data.GetType().Name, null),
    };

    public static string MethodLabel(string method) => method switch
    {
        DispatchOutgoingLetterHandler.InternalMethod => "Kotak masuk (instansi ini)",
        DispatchOutgoingLetterHandler.SystemMethod => "Sistem Arsip (instansi lain)",
        OutgoingLetterViewProjection.ImportedMethod => "Register lama (impor)",
        "kurir" => "Kurir",
        "pos" => "Pos",
        "email" => "Surel",
        "langsung" => "Diantar langsung",
        _ => method,
    };
}

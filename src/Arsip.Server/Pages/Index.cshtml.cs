using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Records;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

public sealed class IndexModel(IDocumentStore store, ArsipClock clock) : PageModel
{
    public int Year { get; private set; }
    public int IncomingThisYear { get; private set; }
    public int OutgoingTotal { get; private set; }
    public int OutgoingInProgress { get; private set; }
    public InboxSummary Inbox { get; private set; } = null!;
    public int AwaitingMySignature { get; private set; }
    /// <summary>For the secretariat (registrars, administrators): letters addressed to no position, which reach nobody's queue.</summary>
    public int? Unaddressed { get; private set; }
    /// <summary>For archivists: the latest daily reminder of berkas that came due (<see cref="RecordsDueReminder"/>).</summary>
    public RecordsCameDue? RecordsDue { get; private set; }
    /// <summary>"Menunggu keputusan Anda": the movements whose next step is the caller's (<see cref="WaitingDecisions"/>, as <c>GET /api/records/waiting</c>).</summary>
    public IReadOnlyList<WaitingDecision> Waiting { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var tokens = LetterAccess.TokensOf(caller);
        Year = clock.Today.Year;
        await using var session = store.QuerySession(caller.Agency);
        IncomingThisYear = await session.Query<IncomingLetterView>()
            .Where(l => l.AgendaYear == Year && l.AccessTokens.Any(t => tokens.Contains(t))).CountAsync(ct);
        var outgoing = await session.Query<OutgoingLetterView>()
            .Where(l => l.AccessTokens.Any(t => tokens.Contains(t))).Select(l => l.Status).ToListAsync(ct);
        OutgoingTotal = outgoing.Count;
        OutgoingInProgress = outgoing.Count(s => s is not (OutgoingStatus.Dispatched or OutgoingStatus.Cancelled));
        Inbox = await InboxQueries.SummaryAsync(session, caller, clock.GetUtcNow(), ct);
        AwaitingMySignature = (await AwaitingInitialsOrSignature.ForAsync(caller, session, ct)).Count;
        if (caller.Has(Role.Registrar) || caller.Has(Role.Administrator))
            Unaddressed = (int)(await IncomingLetterPage.LoadAsync(session, caller, null, null, 1, 1, true, ct)).Total;
        Waiting = await WaitingDecisions.ForAsync(session, caller, clock, ct);
        if (caller.Has(Role.Archivist))
            RecordsDue = (await session.LoadAsync<RecordsReminders>(RecordsStreams.Reminders, ct))?.Recent.FirstOrDefault();
    }
}

using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Wolverine.Http;

namespace Arsip.Dispositions;

public sealed record DispositionDetail(Disposition Disposition, IReadOnlyList<RecipientView> Recipients, bool Overdue);
public sealed record RecipientView(Guid PositionId, string Title, bool Lead, RecipientStatus Status, DateTimeOffset? FirstReadAt, DateTimeOffset? CompletedAt, string? CompletedBy, string? CompletionNote);

public static class ReadDispositionEndpoint
{
    [WolverineGet("/api/dispositions/{id}")]
    [Tags("Disposisi")]
    [EndpointSummary("One disposition; the first time each recipient person opens it, the read is recorded (DispositionRead)")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (await DispositionAccess.LoadVisibleAsync(session, caller, id, ct) is not { } disposition)
            return Results.Problem(Problems.NotFound("Disposisi", id));
        var now = clock.GetUtcNow();
        if (Decide(disposition, DispositionAccess.RecipientPosition(caller, disposition), caller.PersonId, caller.Name, now) is { } read)
        {
            // Not version-checked: two people opening a slip at once must not turn a read into a 409.
            session.Events.Append(id, read);
            await session.SaveChangesAsync(ct);
            disposition.Apply(read);
        }
        return Results.Ok(Detail(disposition, now));
    }

    /// <summary>A read is recorded once per person, and only for a recipient position the person holds or acts for.</summary>
    public static DispositionRead? Decide(Disposition disposition, Guid? recipientPosition, Guid personId, string personName, DateTimeOffset now) =>
        recipientPosition is { } position && disposition.Reads.All(r => r.PersonId != personId)
            ? new DispositionRead(disposition.Id, position, personId, personName, now)
            : null;

    public static DispositionDetail Detail(Disposition d, DateTimeOffset now) => new(
        d,
        d.Recipients.Select(r => new RecipientView(r.PositionId, r.Title, r.Lead, r.StatusAt(now, d.Deadline, d.State), r.FirstReadAt, r.CompletedAt, r.CompletedBy, r.CompletionNote)).ToList(),
        d.State == DispositionState.Open && !d.WorkDone && now > d.Deadline);
}

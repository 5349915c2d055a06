using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Dispositions;

[Authorize(Policy = Policies.Official)]
public static class CloseDispositionEndpoint
{
    [WolverinePost("/api/dispositions/{id}/close")]
    [Tags("Disposisi")]
    [EndpointSummary("The issuer closes a disposition once the lead (or every recipient, when there is no lead) has reported done")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        return await DispositionAccess.ActAsync(session, caller, id, disposition => Decide(disposition, DispositionAccess.IsIssuer(caller, disposition), caller, clock.GetUtcNow()), ct);
    }

    public static Decision Decide(Disposition d, bool callerIsIssuer, Caller caller, DateTimeOffset now)
    {
        if (!callerIsIssuer)
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya pemberi disposisi yang dapat menutupnya (only the issuer closes)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (!d.WorkDone)
            return Decision.Refuse(Problems.Conflict(d.Recipients.Any(r => r.Lead)
                ? "Penanggung jawab belum melaporkan selesai (the lead has not reported done)."
                : "Belum semua penerima melaporkan selesai (not every recipient has reported done)."));
        return Decision.Accept(new DispositionClosed(d.Id, caller.PersonId, caller.Name, d.RecipientPositionIds, now));
    }
}

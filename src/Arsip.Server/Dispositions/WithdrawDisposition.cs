using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Dispositions;

public sealed record WithdrawDisposition(string? Reason = null);

[Authorize(Policy = Policies.Official)]
public static class WithdrawDispositionEndpoint
{
    [WolverinePost("/api/dispositions/{id}/withdraw")]
    [Tags("Disposisi")]
    [EndpointSummary("The issuer withdraws a disposition, only while no recipient has read it")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, WithdrawDisposition command, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        return await DispositionAccess.ActAsync(session, caller, id, disposition => Decide(disposition, DispositionAccess.IsIssuer(caller, disposition), caller, command.Reason, clock.GetUtcNow()), ct);
    }

    public static Decision Decide(Disposition d, bool callerIsIssuer, Caller caller, string? reason, DateTimeOffset now)
    {
        if (!callerIsIssuer)
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya pemberi disposisi yang dapat menariknya (only the issuer withdraws)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (d.AnyRecipientActed)
            return Decision.Refuse(Problems.Conflict("Disposisi sudah dibaca penerima dan tidak dapat ditarik (a recipient has read it; it can no longer be withdrawn)."));
        return Decision.Accept(new DispositionWithdrawn(d.Id, caller.PersonId, caller.Name, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), d.RecipientPositionIds, now));
    }
}

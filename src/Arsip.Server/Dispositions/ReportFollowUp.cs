using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Arsip.Dispositions;

public sealed record ReportFollowUp(string? Text, Guid? AsPositionId = null);

[Authorize(Policy = Policies.Official)]
public static class ReportFollowUpEndpoint
{
    [WolverinePost("/api/dispositions/{id}/follow-ups")]
    [Tags("Disposisi")]
    [EndpointSummary("A recipient reports what was done (tindak lanjut)")]
    public static async Task<IResult> Post(Guid id, ReportFollowUp command, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        return await DispositionAccess.ActAsync(session, caller, id, disposition => Decide(disposition, DispositionAccess.RecipientPosition(caller, disposition, command.AsPositionId), caller, command.Text, clock.GetUtcNow()), ct);
    }

    public static Decision Decide(Disposition d, Guid? recipientPosition, Caller caller, string? text, DateTimeOffset now)
    {
        if (recipientPosition is not { } position)
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya penerima disposisi yang dapat melaporkan tindak lanjut (only recipients report follow-ups)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (d.Recipient(position)!.IsDone)
            return Decision.Refuse(Problems.Conflict("Disposisi ini sudah Anda selesaikan (you already completed this disposition)."));
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
            return Decision.Refuse(Problems.BadRequest("text", "Isi tindak lanjut wajib diisi, paling banyak 4000 karakter (text required, at most 4000 characters)."));
        return Decision.Accept(new FollowUpReported(d.Id, position, caller.PersonId, caller.Name, text.Trim(), now));
    }
}

using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Wolverine.Http;

namespace Arsip.Correspondence;

public static class GetIncomingLetterEndpoint
{
    [WolverineGet("/api/incoming-letters/{id}")]
    [Tags("Surat masuk")]
    [EndpointSummary("One incoming letter as registered (404 when it does not exist or is not visible to the caller)")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<IncomingLetterView>(id, ct) is { } letter && LetterAccess.CanSee(caller, letter.AccessTokens)
            ? Results.Ok(letter)
            : Results.Problem(Problems.NotFound("Surat masuk", id));
}

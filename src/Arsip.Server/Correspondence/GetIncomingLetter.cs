using Arsip.Infrastructure;
using Marten;
using Wolverine.Http;

namespace Arsip.Correspondence;

public static class GetIncomingLetterEndpoint
{
    [WolverineGet("/api/incoming-letters/{id}")]
    [Tags("Surat masuk")]
    [EndpointSummary("One incoming letter as registered")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<IncomingLetterView>(id, ct) is { } letter
            ? Results.Ok(letter)
            : Results.Problem(Problems.NotFound("Surat masuk", id));
}

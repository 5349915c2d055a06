using Arsip.Organization;

namespace Arsip.Access;

public sealed record ApiTokenSummary(Guid Id, string Name, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

public static class ApiTokenEndpoints
{
    [WolverineGet("/api/me/tokens")]
    [Tags("Akses")]
    public static async Task<IReadOnlyList<ApiTokenSummary>> List([NotBody] Caller caller, IQuerySession session) =>
        (await session.LoadAsync<Person>(caller.PersonId))?.Tokens.Select(t => new ApiTokenSummary(t.Id, t.Name, t.IssuedAt, t.RevokedAt)).ToList() ?? [];
}

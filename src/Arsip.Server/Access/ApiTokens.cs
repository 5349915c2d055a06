using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.Access;

public sealed record IssueApiToken(string? Name);
public sealed record IssuedApiToken(Guid Id, string Name, string Token);
public sealed record ApiTokenSummary(Guid Id, string Name, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

public static class ApiTokenEndpoints
{
    [WolverinePost("/api/me/tokens")]
    [Tags("Akses")]
    [EndpointSummary("Create an API token for the caller; the token is shown once")]
    [ProducesResponseType<IssuedApiToken>(StatusCodes.Status201Created)]
    public static async Task<IResult> Issue(IssueApiToken request, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
            return Results.Problem(Problems.BadRequest("name", "Nama token wajib diisi, paling banyak 100 karakter (name required, at most 100 characters)."));
        var token = Authentication.NewToken(caller.Agency);
        var issued = new ApiTokenIssued(caller.PersonId, Guid.CreateVersion7(clock.GetUtcNow()), name, Authentication.HashToken(token), clock.GetUtcNow());
        session.Events.Append(caller.PersonId, issued);
        await session.SaveChangesAsync();
        return Results.Created($"/api/me/tokens/{issued.TokenId}", new IssuedApiToken(issued.TokenId, name, token));
    }

    [WolverineGet("/api/me/tokens")]
    [Tags("Akses")]
    public static async Task<IReadOnlyList<ApiTokenSummary>> List([NotBody] Caller caller, IQuerySession session) =>
        (await session.LoadAsync<Person>(caller.PersonId))?.Tokens.Select(t => new ApiTokenSummary(t.Id, t.Name, t.IssuedAt, t.RevokedAt)).ToList() ?? [];

    [WolverineDelete("/api/me/tokens/{id}")]
    [Tags("Akses")]
    [EndpointSummary("Revoke one of the caller's API tokens")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Revoke(Guid id, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock)
    {
        var person = await session.LoadAsync<Person>(caller.PersonId);
        var token = person?.Tokens.FirstOrDefault(t => t.Id == id);
        if (token is null) return Results.Problem(Problems.NotFound("Token", id));
        if (token.RevokedAt is null)
        {
            session.Events.Append(caller.PersonId, new ApiTokenRevoked(caller.PersonId, id, clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }
        return Results.NoContent();
    }
}

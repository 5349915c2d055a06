using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Access;

public sealed record IssueApiToken(string? Name);
public sealed record IssuedApiToken(Guid Id, string Name, string Token);

/// <summary>The token is made at the edge, like an id, so the decision stays pure and only its hash is stored.</summary>
public sealed record IssueApiTokenCommand(Caller Caller, IssueApiToken Body, Guid TokenId, string Token);

public static class IssueApiTokenHandler
{
    public static Decision Decide(IssueApiTokenCommand command, DateTimeOffset now)
    {
        var name = command.Body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
            return Decision.Refuse(Problems.BadRequest("name", "Nama token wajib diisi, paling banyak 100 karakter (name required, at most 100 characters)."));
        return Decision.Accept(new ApiTokenIssued(command.Caller.PersonId, command.TokenId, name, Authentication.HashToken(command.Token), now));
    }

    public static Decision Handle(IssueApiTokenCommand command, IDocumentSession session, ArsipClock clock)
    {
        var decision = Decide(command, clock.GetUtcNow());
        if (!decision.Refused) session.Events.Append(command.Caller.PersonId, decision.Events);
        return decision;
    }

    [WolverinePost("/api/me/tokens")]
    [Tags("Akses")]
    [EndpointSummary("Create an API token for the caller; the token is shown once")]
    [ProducesResponseType<IssuedApiToken>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(IssueApiToken body, [NotBody] Caller caller, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        var command = new IssueApiTokenCommand(caller, body, Guid.CreateVersion7(clock.GetUtcNow()), Authentication.NewToken(caller.Agency));
        return (await bus.InvokeForTenantAsync<Decision>(caller.Agency, command, ct)).ToResult(() =>
            Results.Created($"/api/me/tokens/{command.TokenId}", new IssuedApiToken(command.TokenId, body.Name!.Trim(), command.Token)));
    }
}

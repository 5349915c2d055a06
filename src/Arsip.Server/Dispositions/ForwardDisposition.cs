using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Wolverine.Runtime.Handlers;

namespace Arsip.Dispositions;

public sealed record ForwardDispositionCommand(Guid DispositionId, Caller Caller, IssueDisposition Body);

public static class ForwardDispositionHandler
{
    /// <summary>As <see cref="IssueDispositionHandler.Configure"/>: the letter's own stream can be appended to meanwhile.</summary>
    public static void Configure(HandlerChain chain) => LostRaces.RetryLostRaces(chain);

    public static Decision Decide(ForwardDispositionCommand command, Disposition? parent, bool visible, IssuingContext? context)
    {
        if (parent is null || !visible) return Decision.Refuse(Problems.NotFound("Disposisi", command.DispositionId));
        if (parent.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(parent));
        if (context is null)
            return Decision.Refuse(DispositionProblems.Forbidden(
                "Hanya penerima disposisi ini yang dapat mendisposisi lebih lanjut (only this disposition's recipients dispose further)."));
        return IssueDispositionHandler.Decide(command.Body, context);
    }

    /// <summary>The parent is loaded for writing: a forward racing its withdrawal or closing fails with 409.</summary>
    public static async Task<Decision> Handle(ForwardDispositionCommand command,
        [WriteAggregate(nameof(ForwardDispositionCommand.DispositionId), Required = false)] IEventStream<Disposition> parentStream,
        IDocumentSession session, IMessageContext messages, ArsipClock clock, DispositionSettings settings, CancellationToken ct)
    {
        var parent = parentStream.Aggregate;
        var visible = await DispositionAccess.CanSeeAsync(session, command.Caller, parent, ct);
        var issuer = visible && parent is { State: DispositionState.Open }
            ? DispositionIssuing.IssuerPosition(command.Caller, parent.RecipientPositionIds, command.Body.AsPositionId)
            : null;
        var context = issuer is { } position
            ? await DispositionIssuing.LoadAsync(session, parent!.LetterId, parent.Letter, parent.Id, position, command.Body, command.Caller, clock, ct)
            : null;
        var decision = Decide(command, parent, visible, context);
        parentStream.AppendMany(decision.Events.OfType<DispositionForwarded>());
        await DispositionIssuing.AppendAsync(session, messages, command.Caller, decision, settings);
        return decision;
    }

    [WolverinePost("/api/dispositions/{id}/dispositions")]
    [Tags("Disposisi")]
    [EndpointSummary("Dispose further down: a recipient issues a child disposition to positions below their own")]
    [ProducesResponseType<IssueDispositionResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Official)]
    public static async Task<IResult> Post(Guid id, IssueDisposition body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        DispositionIssuing.ToResult(await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ForwardDispositionCommand(id, caller, body), ct));
}

public static class DispositionAccess
{
    public static async Task<bool> CanSeeAsync(IQuerySession session, Caller caller, Disposition? disposition, CancellationToken ct) =>
        disposition is not null && await session.LoadAsync<IncomingLetterView>(disposition.LetterId, ct) is { } letter
        && LetterAccess.CanSee(caller, letter.AccessTokens);

    public static async Task<Disposition?> LoadVisibleAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct)
    {
        var disposition = await session.LoadAsync<Disposition>(id, ct);
        return await CanSeeAsync(session, caller, disposition, ct) ? disposition : null;
    }

    public static Guid? RecipientPosition(Caller caller, Disposition disposition, Guid? chosen = null) =>
        DispositionIssuing.IssuerPosition(caller, disposition.RecipientPositionIds, chosen);

    public static bool IsIssuer(Caller caller, Disposition disposition) => caller.Positions.Contains(disposition.IssuerPositionId);
}

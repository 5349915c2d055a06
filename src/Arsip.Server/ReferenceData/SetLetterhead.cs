using System.Security.Claims;
using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

public sealed record LetterheadResponse(string Key, long Version, Letterhead Letterhead, string SetBy, DateTimeOffset SetAt)
{
    public static LetterheadResponse From(LetterheadView view) => new(view.Key, view.Version, view.Letterhead, view.SetBy, view.SetAt);
}

public sealed record SetLetterheadCommand(string Key, SetLetterhead Body, string SetBy)
{
    public Guid StreamId => LetterheadView.StreamFor(Key);
}

public static class SetLetterheadHandler
{
    public static Decision Decide(SetLetterheadCommand command, LetterheadView? current, DateTimeOffset now)
    {
        if (command.Body is null) return Decision.Refuse(Problems.BadRequest("body", "Isi permintaan kosong (empty request body)."));
        var (letterhead, errors) = LetterheadRules.Build(command.Key, command.Body);
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Kop surat tidak valid (invalid letterhead)" });
        return letterhead!.SameAs(current?.Letterhead) ? Decision.Accept() : Decision.Accept(new LetterheadSet(command.Key, letterhead, command.SetBy, now));
    }

    public static Outcome<LetterheadResponse> Handle(SetLetterheadCommand command,
        [WriteAggregate(nameof(SetLetterheadCommand.StreamId), Required = false)] IEventStream<LetterheadView> stream, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);
        return new(decision, decision.Events is [LetterheadSet set]
            ? new LetterheadResponse(command.Key, (stream.Aggregate?.Version ?? 0) + 1, set.Letterhead, set.SetBy, set.SetAt)
            : stream.Aggregate is { } current ? LetterheadResponse.From(current) : null);
    }

    [WolverinePut("/api/letterheads/{key}")]
    [Tags("Data referensi")]
    [EndpointSummary("Set the letterhead (kop surat) of the agency (key 'agency') or of a unit (its unit code)")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<LetterheadResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(string key, SetLetterhead body, [NotBody] Caller caller, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<LetterheadResponse>>(caller.Agency, new SetLetterheadCommand(key, body, user.Identity?.Name ?? "sistem"), ct);
        return outcome.Decision.ToResult(() => Results.Ok(outcome.Value));
    }
}

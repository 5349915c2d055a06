using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Organization;

public sealed record EstablishUnit(string? Code, string? Name, Guid? ParentId);

public sealed record EstablishUnitCommand(Guid UnitId, EstablishUnit Body);

public static class EstablishUnitHandler
{
    public static Decision Decide(EstablishUnitCommand command, bool parentExists, bool codeTaken)
    {
        var body = command.Body;
        if (string.IsNullOrWhiteSpace(body.Code) || body.Code.Length > 20 || body.Code.Contains('/'))
            return Decision.Refuse(Problems.BadRequest("code", "Kode unit wajib diisi, paling banyak 20 karakter, tanpa '/' (code required, at most 20 characters, no '/')."));
        if (string.IsNullOrWhiteSpace(body.Name))
            return Decision.Refuse(Problems.BadRequest("name", "Nama unit wajib diisi (name required)."));
        if (body.ParentId is not null && !parentExists)
            return Decision.Refuse(Problems.BadRequest("parentId", "Unit induk tidak ada (parent unit does not exist)."));
        var code = body.Code.Trim();
        if (codeTaken) return Decision.Refuse(Problems.Conflict($"Kode unit {code} sudah dipakai (unit code already in use)."));
        return Decision.Accept(new UnitEstablished(command.UnitId, code, body.Name.Trim(), body.ParentId));
    }

    public static async Task<Decision> Handle(EstablishUnitCommand command, IDocumentSession session, CancellationToken ct)
    {
        var code = command.Body.Code?.Trim();
        var parentExists = command.Body.ParentId is { } parent && await session.LoadAsync<Unit>(parent, ct) is not null;
        var codeTaken = !string.IsNullOrEmpty(code) && await session.Query<Unit>().AnyAsync(u => u.Code == code, ct);
        var decision = Decide(command, parentExists, codeTaken);
        if (!decision.Refused) session.Events.StartStream<Unit>(command.UnitId, decision.Events);
        return decision;
    }

    [WolverinePost("/api/organization/units")]
    [Tags("Organisasi")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(EstablishUnit body, [NotBody] Caller caller, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        var command = new EstablishUnitCommand(Guid.CreateVersion7(clock.GetUtcNow()), body);
        return (await bus.InvokeForTenantAsync<Decision>(caller.Agency, command, ct))
            .ToResult(() => Results.Created($"/api/organization/units/{command.UnitId}", new Created(command.UnitId)));
    }
}

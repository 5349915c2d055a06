using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Dispositions;

public sealed record Instruction(string Code, string Label);

public sealed class DispositionInstructionList
{
    public const string DocumentId = "instructions";
    public string Id { get; set; } = DocumentId;
    public List<Instruction> Instructions { get; set; } = [];

    public static IReadOnlyList<Instruction> Defaults { get; } =
    [
        new("TINDAK_LANJUTI", "Selesaikan / Tindak lanjuti"),
        new("SARAN", "Saran / Pendapat"),
        new("KOORDINASIKAN", "Koordinasikan"),
        new("KAJI", "Pelajari / Kaji"),
        new("HADIRI", "Wakili / Hadiri"),
        new("PANTAU", "Pantau"),
        new("DIKETAHUI", "Untuk diketahui"),
        new("ARSIPKAN", "File / Arsipkan"),
    ];

    public static async Task<IReadOnlyList<Instruction>> ForAgencyAsync(IQuerySession session, CancellationToken ct) =>
        (await session.LoadAsync<DispositionInstructionList>(DocumentId, ct))?.Instructions is { Count: > 0 } list ? list : Defaults;
}

public sealed record ReplaceInstructions(Instruction[]? Instructions);

public static class DispositionInstructionsEndpoints
{
    [WolverineGet("/api/dispositions/instructions")]
    [Tags("Disposisi")]
    [EndpointSummary("The agency's disposition instruction codes")]
    public static Task<IReadOnlyList<Instruction>> Get(IQuerySession session, CancellationToken ct) => DispositionInstructionList.ForAgencyAsync(session, ct);

    [WolverinePut("/api/dispositions/instructions")]
    [Authorize(Policy = Policies.Administrator)]
    [Tags("Disposisi")]
    [EndpointSummary("Replace the agency's disposition instruction codes")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Put(ReplaceInstructions command, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReplaceInstructionsCommand(caller, command), ct)).ToResult();
}

public sealed record ReplaceInstructionsCommand(Caller Caller, ReplaceInstructions Body);

/// <summary>The list is a document, not a stream: the decision refuses or names the list that replaces the agency's.</summary>
public static class ReplaceInstructionsHandler
{
    public static (DispositionInstructionList? List, ProblemDetails? Refusal) Decide(ReplaceInstructionsCommand command)
    {
        var list = command.Body.Instructions ?? [];
        if (list.Length == 0 || list.Any(i => string.IsNullOrWhiteSpace(i.Code) || string.IsNullOrWhiteSpace(i.Label))
            || list.Select(i => i.Code.Trim()).Distinct().Count() != list.Length)
            return (null, Problems.BadRequest("instructions", "Daftar isi disposisi wajib diisi, kode unik dan berlabel (non-empty list, unique codes with labels)."));
        return (new DispositionInstructionList { Instructions = list.Select(i => new Instruction(i.Code.Trim().ToUpperInvariant(), i.Label.Trim())).ToList() }, null);
    }

    public static Decision Handle(ReplaceInstructionsCommand command, IDocumentSession session)
    {
        var (list, refusal) = Decide(command);
        if (refusal is not null) return Decision.Refuse(refusal);
        session.Store(list!);
        return Decision.Accept();
    }
}

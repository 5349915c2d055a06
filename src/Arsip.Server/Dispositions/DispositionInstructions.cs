using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Dispositions;

public sealed record Instruction(string Code, string Label);

/// <summary>The agency's list of disposition instructions (isi disposisi); one document per agency, defaults until edited.</summary>
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
    public static async Task<IResult> Put(ReplaceInstructions command, IDocumentSession session, CancellationToken ct)
    {
        var list = command.Instructions ?? [];
        if (list.Length == 0 || list.Any(i => string.IsNullOrWhiteSpace(i.Code) || string.IsNullOrWhiteSpace(i.Label))
            || list.Select(i => i.Code.Trim()).Distinct().Count() != list.Length)
            return Results.Problem(Problems.BadRequest("instructions", "Daftar isi disposisi wajib diisi, kode unik dan berlabel (non-empty list, unique codes with labels)."));
        session.Store(new DispositionInstructionList { Instructions = list.Select(i => new Instruction(i.Code.Trim().ToUpperInvariant(), i.Label.Trim())).ToList() });
        await session.SaveChangesAsync(ct);
        return Results.NoContent();
    }
}

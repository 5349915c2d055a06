using Microsoft.AspNetCore.Mvc;

namespace Arsip.Dispositions;

/// <summary>What a pure decision returns: the events it causes, or the refusal (ProblemDetails) and nothing else.</summary>
public sealed record Decision(IReadOnlyList<object> Events, ProblemDetails? Refusal)
{
    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Refuse(ProblemDetails problem) => new([], problem);
    public bool Refused => Refusal is not null;
}

/// <summary>The refusals of the disposition module, Indonesian with English in brackets.</summary>
public static class DispositionProblems
{
    public static ProblemDetails Forbidden(string detail) => new()
    {
        Status = StatusCodes.Status403Forbidden, Title = "Tidak berwenang (not allowed)", Detail = detail,
    };

    public static ProblemDetails Ended(Disposition d) => Infrastructure.Problems.Conflict(d.State == DispositionState.Withdrawn
        ? "Disposisi sudah ditarik (the disposition was withdrawn)."
        : "Disposisi sudah ditutup (the disposition is closed).");
}

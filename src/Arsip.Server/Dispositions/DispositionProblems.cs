
namespace Arsip.Dispositions;

public static class DispositionProblems
{
    public static ProblemDetails Forbidden(string detail) => new()
    {
        Status = StatusCodes.Status403Forbidden, Title = "Tidak berwenang (not allowed)", Detail = detail,
    };

    public static ProblemDetails Ended(Disposition d) => Kernel.Problems.Conflict(d.State == DispositionState.Withdrawn
        ? "Disposisi sudah ditarik (the disposition was withdrawn)."
        : "Disposisi sudah ditutup (the disposition is closed).");
}

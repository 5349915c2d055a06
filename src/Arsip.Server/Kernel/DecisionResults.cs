
namespace Arsip.Kernel;

public static class DecisionResults
{
    public static IResult ToResult(this Decision decision, Func<IResult>? success = null) => decision.Refusal.ToResult(success);

    public static IResult ToResult(this ProblemDetails? refusal, Func<IResult>? success = null) =>
        refusal is { } problem ? Results.Problem(problem) : success?.Invoke() ?? Results.NoContent();
}

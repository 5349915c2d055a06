
namespace Arsip.Kernel;

/// <summary>A refusal thrown from deep inside a request (a stream being read), answered as its problem by the exception handler.</summary>
public abstract class ProblemException(string detail) : Exception(detail)
{
    public abstract ProblemDetails ToProblem();
}

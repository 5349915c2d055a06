
namespace Arsip.Kernel;

/// <summary>What a pure decision returns: the events it causes, or the refusal (ProblemDetails) and nothing else.</summary>
public sealed record Decision(IReadOnlyList<object> Events, ProblemDetails? Refusal)
{
    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Refuse(ProblemDetails problem) => new([], problem);
    public bool Refused => Refusal is not null;

    /// <summary>A handler's last step: the events go to the stream the aggregate workflow loaded (none when refused).</summary>
    public Decision AppendTo<T>(IEventStream<T> stream) where T : class
    {
        stream.AppendMany(Events);
        return this;
    }
}

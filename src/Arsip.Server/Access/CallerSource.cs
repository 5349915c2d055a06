using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;

namespace Arsip.Access;

public sealed class CallerSource : IVariableSource
{
    public bool Matches(Type type) => type == typeof(Caller);

    public Variable Create(Type type) => new MethodCall(typeof(Caller), nameof(Caller.From)).ReturnVariable!;
}

using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;

namespace Arsip.Access;

/// <summary>Lets Wolverine endpoints and handlers take a <see cref="Caller"/> parameter, built inline from the request's user.</summary>
public sealed class CallerSource : IVariableSource
{
    public bool Matches(Type type) => type == typeof(Caller);

    public Variable Create(Type type) => new MethodCall(typeof(Caller), nameof(Caller.From)).ReturnVariable!;
}

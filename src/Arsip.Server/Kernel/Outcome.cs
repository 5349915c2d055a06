namespace Arsip.Kernel;

/// <summary>A decision with what its endpoint answers besides the events (the stored version, the new token, the person signed in).</summary>
public sealed record Outcome<T>(Decision Decision, T? Value);

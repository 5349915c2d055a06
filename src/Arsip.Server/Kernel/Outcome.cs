namespace Arsip.Kernel;

public sealed record Outcome<T>(Decision Decision, T? Value);

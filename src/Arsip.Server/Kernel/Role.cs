namespace Arsip.Kernel;

/// <summary>What a position may do; a position can carry several.</summary>
public enum Role { Administrator, Registrar, Official, Auditor, Archivist }

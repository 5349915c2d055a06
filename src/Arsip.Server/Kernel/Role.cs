namespace Arsip.Kernel;

public enum Role { Administrator, Registrar, Official, Auditor, Archivist }

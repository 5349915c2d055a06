namespace Arsip.Kernel;

/// <summary>The authorization policies endpoints and pages name; Access defines what each requires.</summary>
public static class Policies
{
    public const string Administrator = "administrator";
    public const string Registrar = "registrar";
    public const string Auditor = "auditor";
    public const string Official = "official";
    public const string Archivist = "archivist";
    /// <summary>Berkas work (create, file, move, close, reopen, trigger): archivists, registrars (their own units) and administrators.</summary>
    public const string CaseFiles = "case-files";
    /// <summary>Follow-up monitoring: heads (officials) for their line, auditors and administrators agency-wide.</summary>
    public const string Monitoring = "monitoring";
    /// <summary>Who may print the agenda books: registrars, auditors and administrators.</summary>
    public const string Registers = "registers";
    /// <summary>The installation operator: agencies, above every agency's administrators.</summary>
    public const string Operator = "operator";
}

namespace Arsip.Kernel;

/// <summary>The installation itself: its operators are people of this tenant, and its agency registry lives here.</summary>
public static class Installation
{
    /// <summary>Not a valid agency id (agency ids are refused when they equal it), so no agency's records ever share it.</summary>
    public const string Tenant = "instalasi";
}

using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Arsip.Onboarding;

/// <summary>What kind of government body an agency is; the sign-in page and the operator's list show it.</summary>
public enum AgencyKind
{
    PemerintahProvinsi, PemerintahKabupaten, PemerintahKota, Sekretariat, Dinas, Badan, Kantor, Inspektorat, Kecamatan, Kelurahan, Lainnya,
}

public sealed record AgencyCreated(string AgencyId, string Name, AgencyKind Kind, string TimeZone, string AdministratorUserName, string CreatedBy, DateTimeOffset At);
public sealed record AgencySuspended(string AgencyId, string Reason, string By, DateTimeOffset At);
public sealed record AgencyReactivated(string AgencyId, string By, DateTimeOffset At);

/// <summary>An agency in the installation's registry (tenant <see cref="Installation.Tenant"/>); its records live in its own tenant.</summary>
public sealed class RegisteredAgency
{
    public Guid Id { get; set; }
    public string AgencyId { get; set; } = "";
    public string Name { get; set; } = "";
    public AgencyKind Kind { get; set; }
    public string TimeZone { get; set; } = "";
    public string AdministratorUserName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SuspendedAt { get; set; }
    public string? SuspensionReason { get; set; }
    public bool Suspended => SuspendedAt is not null;

    public static RegisteredAgency Create(AgencyCreated e) => new()
    {
        Id = AgencyStreams.For(e.AgencyId), AgencyId = e.AgencyId, Name = e.Name, Kind = e.Kind, TimeZone = e.TimeZone,
        AdministratorUserName = e.AdministratorUserName, CreatedAt = e.At,
    };
    public void Apply(AgencySuspended e) { SuspendedAt = e.At; SuspensionReason = e.Reason; }
    public void Apply(AgencyReactivated _) { SuspendedAt = null; SuspensionReason = null; }
}

public static partial class AgencyStreams
{
    /// <summary>One stream per agency id, so a second creation of the same id meets the first stream even in a race.</summary>
    public static Guid For(string agencyId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"agency:{agencyId}"))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (name-based, custom hash), as Guid lays out its bytes
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>An agency id is typed at sign-in and travels in API tokens (<c>arsip_{agency}_...</c>): lower-case letters, digits and inner hyphens.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id) && id != Installation.Tenant;

    [GeneratedRegex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>The Indonesian time zones an agency may keep its dates in.</summary>
public static class IndonesianZones
{
    public static readonly IReadOnlyList<(string Abbreviation, string Zone)> All =
        [("WIB", "Asia/Jakarta"), ("WITA", "Asia/Makassar"), ("WIT", "Asia/Jayapura")];

    /// <summary>WIB/WITA/WIT or the IANA name; null when it is neither.</summary>
    public static string? Resolve(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) return "Asia/Jakarta";
        return All.FirstOrDefault(z => z.Abbreviation.Equals(text, StringComparison.OrdinalIgnoreCase) || z.Zone.Equals(text, StringComparison.OrdinalIgnoreCase)).Zone;
    }

    public static string AbbreviationOf(string zone) => All.FirstOrDefault(z => z.Zone == zone).Abbreviation ?? zone;
}

public static class AgencyKinds
{
    public static string Label(AgencyKind kind) => kind switch
    {
        AgencyKind.PemerintahProvinsi => "Pemerintah provinsi",
        AgencyKind.PemerintahKabupaten => "Pemerintah kabupaten",
        AgencyKind.PemerintahKota => "Pemerintah kota",
        AgencyKind.Sekretariat => "Sekretariat",
        AgencyKind.Dinas => "Dinas",
        AgencyKind.Badan => "Badan",
        AgencyKind.Kantor => "Kantor",
        AgencyKind.Inspektorat => "Inspektorat",
        AgencyKind.Kecamatan => "Kecamatan",
        AgencyKind.Kelurahan => "Kelurahan",
        _ => "Lainnya",
    };
}

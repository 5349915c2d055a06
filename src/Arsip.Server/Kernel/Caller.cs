using System.Security.Claims;

namespace Arsip.Kernel;

/// <summary>Claim types Arsip issues; built fresh on every request from the person's current record.</summary>
public static class ArsipClaims
{
    public const string Agency = "arsip:agency";
    public const string Person = "arsip:person";
    public const string Position = "arsip:position";
    public const string ActingFor = "arsip:acting";
    public const string Unit = "arsip:unit";
    public const string Role = ClaimTypes.Role;
    public const string Session = "arsip:session";
    /// <summary>An installation operator (a person of <see cref="Installation.Tenant"/>): creates, suspends and reactivates agencies.</summary>
    public const string Operator = "arsip:operator";
    /// <summary>The person must change the initial password before anything else.</summary>
    public const string PasswordChangeRequired = "arsip:password-change-required";
}

public sealed record Caller(string Agency, Guid PersonId, string Name, IReadOnlyList<Guid> Positions, IReadOnlyList<Guid> Units, IReadOnlyList<Role> Roles)
{
    public bool Has(Role role) => Roles.Contains(role);

    public static Caller From(ClaimsPrincipal user)
    {
        var agency = user.FindFirstValue(ArsipClaims.Agency)
                     ?? throw new InvalidOperationException("Caller is not signed in to an agency.");
        return new Caller(
            agency,
            Guid.Parse(user.FindFirstValue(ArsipClaims.Person)!),
            user.Identity?.Name ?? "",
            user.FindAll(ArsipClaims.Position).Concat(user.FindAll(ArsipClaims.ActingFor)).Select(c => Guid.Parse(c.Value)).Distinct().ToList(),
            user.FindAll(ArsipClaims.Unit).Select(c => Guid.Parse(c.Value)).ToList(),
            user.FindAll(ArsipClaims.Role).Select(c => Enum.Parse<Role>(c.Value)).ToList());
    }
}

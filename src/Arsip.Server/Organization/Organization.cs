namespace Arsip.Organization;

/// <summary>Plt (pelaksana tugas) covers a vacancy, Plh (pelaksana harian) a temporary absence.</summary>
public enum ActingKind { Plt, Plh }

public sealed record UnitEstablished(Guid UnitId, string Code, string Name, Guid? ParentId);
public sealed record UnitRenamed(Guid UnitId, string Name, string Reason);
public sealed record UnitMoved(Guid UnitId, Guid? ParentId);

public sealed record PositionCreated(Guid PositionId, string Title, Guid UnitId, Guid? ReportsTo, Role[] Roles);
public sealed record PositionMoved(Guid PositionId, Guid UnitId, Guid? ReportsTo);
public sealed record PositionRolesChanged(Guid PositionId, Role[] Roles);

public sealed record PersonRegistered(Guid PersonId, string UserName, string FullName, string? Nip, string? Rank, string PasswordHash);
public sealed record PersonAssigned(Guid PersonId, Guid PositionId, DateOnly From);
public sealed record ActingAssigned(Guid PersonId, Guid PositionId, ActingKind Kind, DateOnly From, DateOnly Until);
public sealed record PasswordChanged(Guid PersonId, string PasswordHash);
public sealed record SignInFailed(Guid PersonId, int FailedAttempts, DateTimeOffset? LockedUntil);
public sealed record SignedIn(Guid PersonId);
public sealed record ApiTokenIssued(Guid PersonId, Guid TokenId, string Name, string TokenHash, DateTimeOffset IssuedAt);
public sealed record ApiTokenRevoked(Guid PersonId, Guid TokenId, DateTimeOffset RevokedAt);
/// <summary>Every cookie session of the person ends: their cookies carry the old stamp, which no longer matches.</summary>
public sealed record SessionsEnded(Guid PersonId, string SessionStamp, SessionEndReason Reason, DateTimeOffset At);
public sealed record PersonDeactivated(Guid PersonId, string Reason, DateTimeOffset At);
/// <summary>The password was given by someone else (an agency's first administrator): the person changes it before anything else.</summary>
public sealed record PasswordChangeRequired(Guid PersonId);

public enum SessionEndReason { SignedOut, PasswordChanged, Deactivated }

public sealed class Unit
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? ParentId { get; set; }

    public static Unit Create(UnitEstablished e) => new() { Id = e.UnitId, Code = e.Code, Name = e.Name, ParentId = e.ParentId };
    public void Apply(UnitRenamed e) => Name = e.Name;
    public void Apply(UnitMoved e) => ParentId = e.ParentId;
}

/// <summary>A jabatan: letters and dispositions are addressed to positions, people hold them.</summary>
public sealed class Position
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public Guid UnitId { get; set; }
    public Guid? ReportsTo { get; set; }
    public Role[] Roles { get; set; } = [];

    public static Position Create(PositionCreated e) => new() { Id = e.PositionId, Title = e.Title, UnitId = e.UnitId, ReportsTo = e.ReportsTo, Roles = e.Roles };
    public void Apply(PositionMoved e) { UnitId = e.UnitId; ReportsTo = e.ReportsTo; }
    public void Apply(PositionRolesChanged e) => Roles = e.Roles;
}

public sealed record Acting(Guid PositionId, ActingKind Kind, DateOnly From, DateOnly Until);
public sealed record ApiTokenInfo(Guid Id, string Name, string Hash, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

public sealed class Person
{
    public Guid Id { get; set; }
    public string UserName { get; set; } = "";
    public string FullName { get; set; } = "";
    public string? Nip { get; set; }
    public string? Rank { get; set; }
    public string PasswordHash { get; set; } = "";
    public Guid? PositionId { get; set; }
    public List<Acting> Acting { get; set; } = [];
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public List<ApiTokenInfo> Tokens { get; set; } = [];
    /// <summary>Hashes of live tokens, kept flat so a bearer token is found by an index lookup.</summary>
    public List<string> ActiveTokenHashes { get; set; } = [];
    /// <summary>Goes into the session cookie at sign-in; a cookie with another stamp is no longer a session.</summary>
    public string SessionStamp { get; set; } = "";
    public DateTimeOffset? DeactivatedAt { get; set; }
    public bool MustChangePassword { get; set; }

    public static Person Create(PersonRegistered e) => new()
    {
        Id = e.PersonId, UserName = e.UserName, FullName = e.FullName, Nip = e.Nip, Rank = e.Rank, PasswordHash = e.PasswordHash,
    };
    public void Apply(PersonAssigned e) => PositionId = e.PositionId;
    public void Apply(ActingAssigned e) => Acting.Add(new Acting(e.PositionId, e.Kind, e.From, e.Until));
    public void Apply(PasswordChanged e) { PasswordHash = e.PasswordHash; MustChangePassword = false; }
    public void Apply(PasswordChangeRequired _) => MustChangePassword = true;
    public void Apply(SignInFailed e) { FailedSignIns = e.FailedAttempts; LockedUntil = e.LockedUntil; }
    public void Apply(SignedIn _) { FailedSignIns = 0; LockedUntil = null; }
    public void Apply(SessionsEnded e) => SessionStamp = e.SessionStamp;
    public void Apply(PersonDeactivated e) => DeactivatedAt = e.At;
    public void Apply(ApiTokenIssued e)
    {
        Tokens.Add(new ApiTokenInfo(e.TokenId, e.Name, e.TokenHash, e.IssuedAt, null));
        ActiveTokenHashes.Add(e.TokenHash);
    }
    public void Apply(ApiTokenRevoked e)
    {
        var index = Tokens.FindIndex(t => t.Id == e.TokenId);
        if (index < 0) return;
        ActiveTokenHashes.Remove(Tokens[index].Hash);
        Tokens[index] = Tokens[index] with { RevokedAt = e.RevokedAt };
    }

    /// <summary>The positions this person may act in on <paramref name="day"/>: their own and any acting assignment in force.</summary>
    public IEnumerable<Guid> PositionsOn(DateOnly day) =>
        Acting.Where(a => a.From <= day && day <= a.Until).Select(a => a.PositionId)
            .Prepend(PositionId ?? Guid.Empty).Where(p => p != Guid.Empty).Distinct();
}

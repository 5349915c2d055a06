namespace Arsip.Access;

/// <summary>What sign-in and every request ask of the installation's agency registry (Onboarding keeps it): a suspended
/// agency's people may not sign in, and their sessions and tokens stop at the next request.</summary>
public interface ISuspendedAgencies
{
    Task<bool> IsSuspendedAsync(string agency, CancellationToken ct);
}

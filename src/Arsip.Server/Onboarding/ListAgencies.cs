namespace Arsip.Onboarding;

public sealed record AgencySummary(string Id, string Name, AgencyKind Kind, string TimeZone, string AdministratorUserName,
    DateTimeOffset CreatedAt, DateTimeOffset? SuspendedAt, string? SuspensionReason)
{
    public static AgencySummary From(RegisteredAgency a) =>
        new(a.AgencyId, a.Name, a.Kind, a.TimeZone, a.AdministratorUserName, a.CreatedAt, a.SuspendedAt, a.SuspensionReason);
}

/// <summary>What the sign-in page's box suggests: active agencies only, and nothing about them but their id and name.</summary>
public sealed record AgencyChoice(string Id, string Name);

public static class ListAgenciesEndpoint
{
    public const int MaximumSuggestions = 10;

    [WolverineGet("/api/agencies")]
    [Tags("Instansi")]
    [EndpointSummary("Every agency of the installation with its status (installation operator)")]
    [Authorize(Policy = Policies.Operator)]
    public static async Task<IReadOnlyList<AgencySummary>> Get(AgencyDirectory directory, CancellationToken ct) =>
        (await directory.AllAsync(ct)).Select(AgencySummary.From).ToList();

    [WolverineGet("/api/agencies/search")]
    [AllowAnonymous]
    [Tags("Instansi")]
    [EndpointSummary("Active agencies whose name or id contains every word of q (the sign-in page's suggestions)")]
    public static async Task<IReadOnlyList<AgencyChoice>> Search(string? q, AgencyDirectory directory, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(q) ? [] : (await directory.SearchAsync(q, MaximumSuggestions, ct)).Select(a => new AgencyChoice(a.AgencyId, a.Name)).ToList();
}

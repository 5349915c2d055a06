using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Http.Metadata;

namespace Arsip.Infrastructure;

/// <summary>Documents the answers the pipeline gives before an endpoint runs; a test compares the document with what the API answers.</summary>
public sealed class ApiResponses : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.RoutePattern?.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true))
        {
            var method = chain.Method.Method;
            var attributes = method.GetCustomAttributes(true).Concat(method.DeclaringType!.GetCustomAttributes(true)).ToList();
            var hasRoute = chain.RoutePattern!.Parameters.Count > 0;
            var routeNames = chain.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var hasQuery = method.GetParameters().Any(p => IsSimple(p.ParameterType) && !routeNames.Contains(p.Name!)
                && p.GetCustomAttribute<NotBodyAttribute>() is null);

            if (chain.HasRequestType || hasRoute || hasQuery) chain.Metadata.ProducesValidationProblem();
            if (chain.HasRequestType) chain.Metadata.ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
            if (!attributes.OfType<AllowAnonymousAttribute>().Any()) chain.Metadata.ProducesProblem(StatusCodes.Status401Unauthorized);
            if (attributes.OfType<AuthorizeAttribute>().Any(a => a.Policy is not null)) chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden);
            if (hasRoute) chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound);

            // Wolverine guesses 200 (and 404 for a null body) from the return type; an IResult says neither.
            var declared = attributes.OfType<ProducesResponseTypeAttribute>().Select(a => a.StatusCode).ToHashSet();
            if (!declared.Any(s => s is >= 200 and < 300)) continue;
            var guessed = new HashSet<int>();
            if (!declared.Contains(StatusCodes.Status200OK)) guessed.Add(StatusCodes.Status200OK);
            if (!hasRoute && !declared.Contains(StatusCodes.Status404NotFound)) guessed.Add(StatusCodes.Status404NotFound);
            chain.Finally(endpoint =>
            {
                foreach (var guess in endpoint.Metadata.Where(m => m is IProducesResponseTypeMetadata produced
                             && guessed.Contains(produced.StatusCode) && m is not ProducesResponseTypeAttribute).ToList())
                    endpoint.Metadata.Remove(guess);
            });
        }
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(DateOnly)
               || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(decimal);
    }
}

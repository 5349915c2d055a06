using System.Security.Claims;
using Arsip.Organization;

namespace Arsip.Access;

public static class PersonClaims
{
    public static IEnumerable<Claim> For(string agency, Person person, IReadOnlyCollection<Position> positions, DateOnly today)
    {
        yield return new Claim(ClaimTypes.Name, person.FullName);
        yield return new Claim(ClaimTypes.NameIdentifier, person.UserName);
        yield return new Claim(ArsipClaims.Agency, agency);
        yield return new Claim(ArsipClaims.Person, person.Id.ToString());
        if (agency == Installation.Tenant) yield return new Claim(ArsipClaims.Operator, "true");
        if (person.MustChangePassword) yield return new Claim(ArsipClaims.PasswordChangeRequired, "true");
        var active = person.PositionsOn(today).ToHashSet();
        foreach (var position in positions.Where(p => active.Contains(p.Id)))
        {
            yield return new Claim(position.Id == person.PositionId ? ArsipClaims.Position : ArsipClaims.ActingFor, position.Id.ToString());
            yield return new Claim(ArsipClaims.Unit, position.UnitId.ToString());
            foreach (var role in position.Roles) yield return new Claim(ArsipClaims.Role, role.ToString());
        }
    }
}

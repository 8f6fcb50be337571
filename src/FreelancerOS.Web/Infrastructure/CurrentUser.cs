using System.Security.Claims;

namespace FreelancerOS.Web.Infrastructure;

public interface ICurrentUser
{
    string? UserId { get; }
}

/// <summary>
/// The signed-in user of the current request, or the user a command-line tool acts for
/// (<see cref="ActAs"/>), e.g. the demo-data command and the scheduled jobs.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private string? _override;

    public string? UserId => _override ?? accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public void ActAs(string? userId) => _override = userId;
}

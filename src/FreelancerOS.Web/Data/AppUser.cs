using Microsoft.AspNetCore.Identity;

namespace FreelancerOS.Web.Data;

public class AppUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}

using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace FreelancerOS.Web.Data;

public class AppUser : IdentityUser, ICreated
{
    public DateTimeOffset CreatedAt { get; set; }
}

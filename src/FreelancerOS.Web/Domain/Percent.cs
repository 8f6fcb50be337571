namespace FreelancerOS.Web.Domain;

public static class Percent
{
    /// <summary>
    /// part / whole as a whole percentage, rounded half away from zero (2,000 of 12,000 is 17).
    /// Null when there is nothing to compare against (a whole of 0 or less), so no division by zero
    /// reaches a page. Over 100 is returned as is: an overrun is shown, not hidden.
    /// </summary>
    public static int? Of(decimal part, decimal whole) =>
        whole <= 0 ? null : (int)Math.Round(part * 100m / whole, MidpointRounding.AwayFromZero);
}

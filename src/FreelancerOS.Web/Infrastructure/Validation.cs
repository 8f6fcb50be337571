using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// FluentValidation without its AspNetCore package (absent here): validators are registered by
/// scanning this assembly, and one action filter runs the validator of each bound argument, putting
/// its errors into ModelState beside the field. Controllers then check ModelState.IsValid as usual.
/// </summary>
public static class Validation
{
    public static IServiceCollection AddValidatorsFromAssembly(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces()
                         .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
                services.AddScoped(contract, type);
        }
        return services;
    }

    public static void AddTo(this FluentValidation.Results.ValidationResult result, ModelStateDictionary modelState, string prefix = "")
    {
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            // A field that failed to bind already says why; one message per field is enough.
            if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0) continue;
            modelState.AddModelError(key, error.ErrorMessage);
        }
    }
}

public sealed class ValidationFilter(IServiceProvider services) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var (name, value) in context.ActionArguments)
        {
            if (value is null) continue;
            var validatorType = typeof(IValidator<>).MakeGenericType(value.GetType());
            if (services.GetService(validatorType) is not IValidator validator) continue;
            var result = await validator.ValidateAsync(new ValidationContext<object>(value), context.HttpContext.RequestAborted);
            var parameter = context.ActionDescriptor.Parameters.FirstOrDefault(p => p.Name == name);
            // Form fields bind without a prefix unless the parameter asks for one.
            var prefix = parameter?.BindingInfo?.BinderModelName ?? "";
            result.AddTo(context.ModelState, prefix);
        }
        await next();
    }
}

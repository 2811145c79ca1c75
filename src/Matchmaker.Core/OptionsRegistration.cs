using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker;

public static class OptionsRegistration
{
    /// <summary>
    /// An area's options bound to its configuration section and validated (data annotations) when
    /// the host starts, so a bad setting stops the start with its name instead of failing a request.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}

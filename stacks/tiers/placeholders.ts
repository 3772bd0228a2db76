/**
 * The placeholder images the committed stack files run until you set your own. traefik/whoami
 * answers every path (the probes and health checks included), but it also prints its whole
 * environment to any caller that adds `?env=true` (its README, "Paths"; `whoamiHandler` in its
 * app.go). So a placeholder is never given a secret: the database password reaches a container only
 * once `image` names your own application's image.
 */
export function printsItsEnvironment(image: string): boolean {
    return /^(docker\.io\/)?traefik\/whoami([:@]|$)/.test(image);
}

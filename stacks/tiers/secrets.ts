import * as aws from "@pulumi/aws";
import type { SystemContext } from "./context";

/** The database password in Secrets Manager; the ECS services read it as a container secret. */
export function databaseSecret({ config, env, tags }: SystemContext): aws.secretsmanager.Secret {
    const secret = new aws.secretsmanager.Secret("db-password", {
        description: `Database password (${env})`,
        recoveryWindowInDays: env === "prod" ? 30 : 7,
        tags,
    });
    new aws.secretsmanager.SecretVersion("db-password", { secretId: secret.id, secretString: config.dbPassword });
    return secret;
}

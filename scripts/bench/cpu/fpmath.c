/* Floating point (VFP, hard-float): a matrix multiply and an n-body step. */
#include "bench.h"

#define N 48

static double ma[N][N], mb[N][N], mc[N][N];

struct body {
    double x, y, z, vx, vy, vz, m;
};

static struct body bodies[5];

static double my_sqrt(double x)
{
    double r;

    __asm__("vsqrt.f64 %P0, %P1" : "=w"(r) : "w"(x));
    return r;
}

static void matmul(void)
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) {
                s += ma[i][k] * mb[k][j];
            }
            mc[i][j] = s;
        }
    }
}

static void advance(double dt)
{
    for (int i = 0; i < 5; i++) {
        struct body *bi = &bodies[i];
        for (int j = i + 1; j < 5; j++) {
            struct body *bj = &bodies[j];
            double dx = bi->x - bj->x, dy = bi->y - bj->y, dz = bi->z - bj->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * my_sqrt(d2));
            bi->vx -= dx * bj->m * mag;
            bi->vy -= dy * bj->m * mag;
            bi->vz -= dz * bj->m * mag;
            bj->vx += dx * bi->m * mag;
            bj->vy += dy * bi->m * mag;
            bj->vz += dz * bi->m * mag;
        }
    }
    for (int i = 0; i < 5; i++) {
        bodies[i].x += dt * bodies[i].vx;
        bodies[i].y += dt * bodies[i].vy;
        bodies[i].z += dt * bodies[i].vz;
    }
}

int main(void)
{
    uint32_t h = 0;
    union { double d; uint32_t w[2]; } u;

    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            ma[i][j] = (double)(i + 2 * j) / 7.0;
            mb[i][j] = (double)(3 * i - j) / 5.0;
        }
    }
    for (int r = 0; r < 6; r++) {
        matmul();
        ma[r][r] += mc[r][N - 1 - r] * 1e-6;
    }
    u.d = mc[N / 2][N / 3];
    h ^= u.w[0] ^ u.w[1];
    for (int i = 0; i < 5; i++) {
        bodies[i] = (struct body){ i * 1.5, i * -0.5 + 1, i * 0.25, 0.01 * i, -0.02 * i, 0.0,
                                   1.0 + i };
    }
    for (int s = 0; s < 15000; s++) {
        advance(0.001);
    }
    u.d = bodies[2].x + bodies[3].vy;
    h ^= u.w[0] ^ u.w[1];
    return bench_check("fpmath", h, 0xc865ed70u);
}
